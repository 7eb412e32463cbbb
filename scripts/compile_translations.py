#!/usr/bin/env python
"""Compile every zh_Hans catalogue (.po -> .mo) with polib: no gettext tools needed to run the platform."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in sorted(ROOT.glob("zongzhi/**/locale/*/LC_MESSAGES/django.po")):
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
