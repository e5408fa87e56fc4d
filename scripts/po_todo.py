#!/usr/bin/env python3
"""List the untranslated or fuzzy entries of Swahili catalogues as a JSON skeleton to fill in.

    .venv/bin/python scripts/po_todo.py assets/locale/sw/LC_MESSAGES/django.po > /tmp/todo.json

Each item is {"msgid": ..., "msgid_plural": ..., "msgctxt": ..., "msgstr": ""}; fill "msgstr"
(or "msgstr_plural": [singular, plural]) and apply the file with scripts/po_apply.py.
"""

import json
import sys

import polib


def main(paths):
    todo = []
    for path in paths:
        for entry in polib.pofile(path):
            if entry.obsolete:
                continue
            missing = (
                (not entry.msgstr_plural and not entry.msgstr)
                if not entry.msgid_plural
                else not all(entry.msgstr_plural.values())
            )
            if missing or "fuzzy" in entry.flags:
                item = {"msgid": entry.msgid, "msgstr": ""}
                if entry.msgctxt:
                    item["msgctxt"] = entry.msgctxt
                if entry.msgid_plural:
                    item["msgid_plural"] = entry.msgid_plural
                    item["msgstr_plural"] = ["", ""]
                    del item["msgstr"]
                todo.append(item)
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
