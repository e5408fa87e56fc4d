#!/usr/bin/env python3
"""Apply a Python dict of translations to one or more catalogues (a convenience beside po_apply.py).

    .venv/bin/python scripts/po_from_dict.py translations.py locale/sw/LC_MESSAGES/django.po [...]

The file defines `T = {msgid: msgstr, (msgid, msgid_plural): [singular, plural], ...}`; a key may
also be ("ctx", msgctxt, msgid). Every catalogue given gets the entries it contains; its .mo is rewritten.
"""

import runpy
import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from po_apply import fix_header


def main(dict_path, *po_paths):
    table = runpy.run_path(dict_path)["T"]
    for po_path in po_paths:
        po = polib.pofile(po_path, wrapwidth=120)
        for entry in po:
            key_plain = entry.msgid if not entry.msgid_plural else (entry.msgid, entry.msgid_plural)
            key = ("ctx", entry.msgctxt, entry.msgid) if entry.msgctxt else key_plain
            if key not in table:
                continue
            value = table[key]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        fix_header(po)
        po.save(po_path)
        po.save_as_mofile(str(Path(po_path).with_suffix(".mo")))


if __name__ == "__main__":
    main(*sys.argv[1:])
