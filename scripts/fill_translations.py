#!/usr/bin/env python
"""Fill empty zh_Hans entries from a mapping file (a Python file defining ``ZH = {msgid: msgstr}``; for a
plural entry the value is the single Chinese form). Used while translating; the .po files stay the source.

    python scripts/fill_translations.py mapping.py [app ...]
"""

import runpy
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main():
    mapping = runpy.run_path(sys.argv[1])["ZH"]
    apps = sys.argv[2:] or [p.parent.parent.parent.parent.name for p in ROOT.glob("zongzhi/*/locale/zh_Hans/LC_MESSAGES/django.po")]
    for app in apps:
        path = ROOT / "zongzhi" / app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        po = polib.pofile(str(path))
        po.metadata.update({"Language": "zh_Hans", "Content-Type": "text/plain; charset=UTF-8",
                            "Plural-Forms": "nplurals=1; plural=0;"})
        left = []
        for e in po:
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
                e.msgstr = ""
                if e.msgid_plural:
                    e.msgstr_plural = {0: ""}
            if e.msgid_plural:
                if not e.msgstr_plural.get(0):
                    if e.msgid in mapping:
                        e.msgstr_plural = {0: mapping[e.msgid]}
                    else:
                        left.append(e.msgid)
            elif not e.msgstr:
                if e.msgid in mapping:
                    e.msgstr = mapping[e.msgid]
                else:
                    left.append(e.msgid)
        po.save(str(path))
        for msgid in left:
            print(f"{app}: untranslated {msgid!r}")


if __name__ == "__main__":
    main()
