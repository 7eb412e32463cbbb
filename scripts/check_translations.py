#!/usr/bin/env python
"""Fail when a user-facing string lacks its Chinese translation.

Usage: check_translations.py [--update] [app ...]

For each app under zongzhi/ (or only the apps named), extract the current msgids with Django's makemessages (gettext tools needed)
and compare them with the committed zh_Hans catalogue. The committed files are left as they were unless
``--update`` is given (then the catalogues are rewritten with the new msgids, to be translated by hand).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = "zh_Hans"


def apps(only=None):
    for path in sorted((ROOT / "zongzhi").iterdir()):
        if path.is_dir() and (path / "apps.py").exists() and (not only or path.name in only):
            yield path


def extract(app_dir: Path) -> Path | None:
    """Run makemessages for one app; return the path of the resulting catalogue (or None: no strings)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "zongzhi.settings"}
    (app_dir / "locale").mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", LOCALE, "--no-location", "--no-obsolete",
         "-i", "static/*", "-i", "tests/*"],
        cwd=app_dir, env=env, check=True, capture_output=True,
    )
    po = app_dir / "locale" / LOCALE / "LC_MESSAGES" / "django.po"
    return po if po.exists() else None


def untranslated(po_path: Path):
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            yield entry.msgid
        elif entry.msgid_plural:
            if not entry.msgstr_plural or any(not v for v in entry.msgstr_plural.values()):
                yield entry.msgid
        elif not entry.msgstr:
            yield entry.msgid


def main():
    update = "--update" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    missing = {}
    for app_dir in apps(only):
        po = app_dir / "locale" / LOCALE / "LC_MESSAGES" / "django.po"
        backup = None
        if po.exists() and not update:
            backup = Path(tempfile.mkdtemp()) / "django.po"
            shutil.copy2(po, backup)
        try:
            result = extract(app_dir)
            if result is not None:
                gaps = list(untranslated(result))
                if gaps:
                    missing[app_dir.name] = gaps
        finally:
            if not update:
                if backup is not None:
                    shutil.copy2(backup, po)
                elif po.exists():
                    po.unlink()
                    for d in (po.parent, po.parent.parent, po.parent.parent.parent):
                        if d.exists() and not any(d.iterdir()):
                            d.rmdir()
    if missing:
        for app, ids in missing.items():
            print(f"{app}: {len(ids)} string(s) without a Chinese translation")
            for msgid in ids:
                print(f"    {msgid!r}")
        if not update:
            print("Run `make update-messages`, translate the new entries in zongzhi/<app>/locale/zh_Hans/LC_MESSAGES/django.po")
        sys.exit(1)
    print("Every user-facing string has its Chinese translation.")


if __name__ == "__main__":
    main()
