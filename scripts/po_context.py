#!/usr/bin/env python3
"""Give an app's colliding strings a message context, so each app keeps its own Swahili wording.

Django merges every catalogue of a language into one table: when two apps translate the same
English msgid differently ("New" is "Jipya" for a ticket but "Vipya" for risks, because Swahili
nouns agree by class), only one translation wins everywhere. This tool finds, for the apps named,
every msgid whose Swahili differs between catalogues, rewrites the app's code and templates to ask
for it with the app's label as context (`pgettext_lazy("risk", "New")`,
`{% translate "New" context "risk" %}`), and moves the app's translation to the contexted entry.

    .venv/bin/python scripts/po_context.py risk helpdesk policies assets
    make messages    # then: the catalogue test must pass

The project catalogue (locale/) keeps its plain msgids; apps give way to it.
"""

import collections
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues() -> dict[str, Path]:
    found = {"locale": ROOT / "locale/sw/LC_MESSAGES/django.po"}
    for path in sorted(ROOT.glob("*/locale/sw/LC_MESSAGES/django.po")):
        found[path.relative_to(ROOT).parts[0]] = path
    return found


def collisions() -> dict[str, set[str]]:
    """msgid -> the apps whose plain (context-free) translation of it differs from another catalogue's."""
    table = collections.defaultdict(dict)
    for label, path in catalogues().items():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgctxt or entry.msgid_plural or not entry.msgstr:
                continue
            table[entry.msgid][label] = entry.msgstr
    result = {}
    for msgid, per_app in table.items():
        if len(set(per_app.values())) > 1:
            result[msgid] = {label for label in per_app if label != "locale"}
    return result


def _py_literal(msgid: str) -> str:
    return '"' + msgid.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rewrite_python(path: Path, app: str, msgids: set[str]) -> bool:
    text = path.read_text(encoding="utf-8")
    original = text
    lazy_alias = re.search(r"gettext_lazy as _\b", text) is not None
    eager_alias = re.search(r"\bgettext as _\b", text) is not None
    used = set()
    for msgid in msgids:
        literal = _py_literal(msgid)
        for func, replacement in (
            ("gettext_lazy", "pgettext_lazy"),
            ("gettext", "pgettext"),
            ("_", "pgettext_lazy" if lazy_alias else ("pgettext" if eager_alias else None)),
        ):
            if replacement is None:
                continue
            pattern = re.compile(r"(?<![\w.])" + re.escape(func) + r"\(\s*" + re.escape(literal) + r"\s*\)")
            if pattern.search(text):
                text = pattern.sub(f'{replacement}("{app}", {literal})', text)
                used.add(replacement)
    if text == original:
        return False
    for name in sorted(used):
        if re.search(r"from django\.utils\.translation import[^\n]*\b" + name + r"\b", text):
            continue
        text = re.sub(
            r"^(from django\.utils\.translation import )",
            lambda m, n=name: f"{m.group(1)}{n}, ",
            text,
            count=1,
            flags=re.M,
        )
        if not re.search(r"from django\.utils\.translation import[^\n]*\b" + name + r"\b", text):
            text = f"from django.utils.translation import {name}\n" + text
    path.write_text(text, encoding="utf-8")
    return True


def rewrite_template(path: Path, app: str, msgids: set[str]) -> bool:
    text = path.read_text(encoding="utf-8")
    original = text
    for msgid in msgids:
        for quote in ('"', "'"):
            literal = quote + msgid + quote
            pattern = re.compile(r"\{%\s*(translate|trans)\s+" + re.escape(literal) + r"(?!\s+context)")
            text = pattern.sub(lambda m, lit=literal: f'{{% {m.group(1)} {lit} context "{app}"', text)
    if text == original:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def move_translations(app: str, msgids: set[str]) -> None:
    path = catalogues()[app]
    po = polib.pofile(str(path), wrapwidth=120)
    existing = {(e.msgctxt, e.msgid) for e in po}
    for entry in list(po):
        if entry.msgctxt is None and entry.msgid in msgids and (app, entry.msgid) not in existing:
            entry.msgctxt = app
    po.save(str(path))


def main(apps: list[str]) -> int:
    clashes = collisions()
    for app in apps:
        mine = {msgid for msgid, owners in clashes.items() if app in owners}
        if not mine:
            print(f"{app}: no colliding strings")
            continue
        changed = []
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or "locale" in path.parts:
                continue
            if rewrite_python(path, app, mine):
                changed.append(path)
        for path in sorted((ROOT / "templates" / app).rglob("*")):
            if path.suffix in (".html", ".txt") and rewrite_template(path, app, mine):
                changed.append(path)
        move_translations(app, mine)
        print(f"{app}: {len(mine)} strings given the context '{app}' in {len(changed)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
