#!/usr/bin/env python
"""Fail when a user-facing string lacks its Chinese translation, or when two apps translate it differently.

Usage: check_translations.py [--update | --conflicts] [app ...]

``--conflicts`` runs only the (fast, extraction-free) check that two apps do not translate a string differently.

For each app under zongzhi/ (or only the apps named), extract the current msgids with Django's makemessages (gettext tools needed)
and compare them with the committed zh_Hans catalogue. The committed files are left as they were unless
``--update`` is given (then the catalogues are rewritten with the new msgids, to be translated by hand).

Django merges every app's catalogue into ONE table per language (trans_real.DjangoTranslation: the apps are
merged in reversed(INSTALLED_APPS) order and each merge is put in front, so the app listed first in
INSTALLED_APPS wins; LOCALE_PATHS, merged afterwards, win over every app). So the same (msgctxt, msgid) pair gets
one translation for the whole site, whatever app uses it. The check therefore also fails when two app
catalogues give the same (msgctxt, msgid) different msgstr: give the msgid a context in the code
(pgettext / pgettext_lazy / {% translate "..." context "..." %}) where the meaning differs, or make the
translations identical where it is the same.
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


def catalogue_paths(root: Path = ROOT) -> dict[str, Path]:
    """{app name: committed zh_Hans catalogue} for every app that has one."""
    return {p.parents[3].name: p for p in sorted(root.glob(f"zongzhi/*/locale/{LOCALE}/LC_MESSAGES/django.po"))}


def _msgstr(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    return entry.msgstr


def conflicts(catalogues: dict[str, Path], only=None):
    """[(msgctxt, msgid, {app: msgstr})] for every pair translated differently by two catalogues.

    Empty and fuzzy translations are left to the completeness check. With ``only``, just the conflicts that
    involve one of those apps."""
    seen: dict[tuple, dict[str, object]] = {}
    for app, path in catalogues.items():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            value = _msgstr(entry)
            if not value or (isinstance(value, tuple) and not all(value)):
                continue
            seen.setdefault((entry.msgctxt, entry.msgid), {})[app] = value
    found = []
    for (msgctxt, msgid), by_app in seen.items():
        if len(set(by_app.values())) > 1 and (not only or set(only) & set(by_app)):
            found.append((msgctxt, msgid, by_app))
    return sorted(found, key=lambda c: (c[1], c[0] or ""))


def report_conflicts(found) -> None:
    print(f"{len(found)} string(s) translated differently by two apps (Django uses only one translation per string):")
    for msgctxt, msgid, by_app in found:
        label = f"{msgid!r}" + (f" (context {msgctxt!r})" if msgctxt else "")
        print(f"    {label}")
        for app, value in sorted(by_app.items()):
            shown = value if isinstance(value, str) else " | ".join(value)
            print(f"        {app}: {shown}")
    print("Give the msgid a context (pgettext) where the meaning differs, or use the same translation.")


def main():
    update = "--update" in sys.argv
    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    missing = {}
    for app_dir in ([] if "--conflicts" in sys.argv else apps(only)):
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
    found = conflicts(catalogue_paths(), only)
    if found:
        report_conflicts(found)
    if missing:
        for app, ids in missing.items():
            print(f"{app}: {len(ids)} string(s) without a Chinese translation")
            for msgid in ids:
                print(f"    {msgid!r}")
        if not update:
            print("Run `make update-messages`, translate the new entries in zongzhi/<app>/locale/zh_Hans/LC_MESSAGES/django.po")
    if missing or found:
        sys.exit(1)
    if "--conflicts" in sys.argv:
        print("No string is translated differently by two apps.")
    else:
        print("Every user-facing string has its Chinese translation, the same in every app.")


if __name__ == "__main__":
    main()
