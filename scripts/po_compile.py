#!/usr/bin/env python3
"""Compile every Swahili catalogue to its .mo with polib, rewriting a .mo only when its content changes.

Used by `make messages` instead of msgfmt, so that one app's change never rewrites another app's
.mo, and so that the same .po always gives the same bytes.
"""

import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    changed = 0
    for po_path in sorted([ROOT / "locale/sw/LC_MESSAGES/django.po", *ROOT.glob("*/locale/sw/LC_MESSAGES/django.po")]):
        mo_path = po_path.with_suffix(".mo")
        with tempfile.NamedTemporaryFile(suffix=".mo") as tmp:
            polib.pofile(str(po_path)).save_as_mofile(tmp.name)
            new = Path(tmp.name).read_bytes()
        if not mo_path.exists() or mo_path.read_bytes() != new:
            mo_path.write_bytes(new)
            changed += 1
            print(f"compiled {mo_path.relative_to(ROOT)}")
    print(f"{changed} catalogue(s) compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
