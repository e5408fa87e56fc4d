#!/usr/bin/env python3
"""Write translations from a JSON list (see po_todo.py) into a Swahili catalogue, then compile it.

    .venv/bin/python scripts/po_apply.py assets/locale/sw/LC_MESSAGES/django.po /tmp/todo.json

Entries are matched on (msgctxt, msgid). Fuzzy flags of filled entries are removed, the header
gets `Language: sw`, and the .mo beside the .po is rewritten. Items whose msgid is not in the
catalogue are reported (run `make messages` first).
"""

import json
import sys
from pathlib import Path

import polib


def main(po_path, json_path):
    po = polib.pofile(po_path, wrapwidth=120)
    items = json.loads(Path(json_path).read_text(encoding="utf-8"))
    index = {(e.msgctxt, e.msgid): e for e in po}
    unknown = []
    for item in items:
        entry = index.get((item.get("msgctxt"), item["msgid"]))
        if entry is None:
            unknown.append(item["msgid"])
            continue
        if entry.msgid_plural:
            plural = item.get("msgstr_plural") or []
            if len(plural) != 2 or not all(plural):
                continue
            entry.msgstr_plural = {0: plural[0], 1: plural[1]}
        else:
            if not item.get("msgstr"):
                continue
            entry.msgstr = item["msgstr"]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    fix_header(po)
    po.save(po_path)
    po.save_as_mofile(str(Path(po_path).with_suffix(".mo")))
    for msgid in unknown:
        print(f"not in the catalogue: {msgid[:80]!r}", file=sys.stderr)


def fix_header(po):
    po.metadata.update(
        {
            "Project-Id-Version": "kilombero-ict-portal",
            "Language": "sw",
            "Language-Team": "Kiswahili",
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    )
    po.metadata_is_fuzzy = False


if __name__ == "__main__":
    main(*sys.argv[1:])
