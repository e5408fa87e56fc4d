"""The Swahili catalogues are complete, cover every translatable string, and their .mo files match."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted([ROOT / "locale/sw/LC_MESSAGES/django.po", *ROOT.glob("*/locale/sw/LC_MESSAGES/django.po")])


def translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_there_is_a_catalogue_for_the_project_and_each_app():
    names = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"locale", "assets", "helpdesk", "policies", "risk"} <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_untranslated_or_fuzzy_entry(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po if not e.obsolete and not translated(e)]
    fuzzy = [e.msgid for e in po if not e.obsolete and "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} untranslated in {path}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {path}: {fuzzy[:5]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is not committed"
    po = polib.pofile(str(path))
    mo = polib.mofile(str(mo_path))

    def messages(catalogue):
        out = {}
        for e in catalogue:
            if not e.msgid or e.obsolete or "fuzzy" in e.flags or not translated(e):
                continue
            key = (e.msgctxt, e.msgid, e.msgid_plural)
            out[key] = tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
        return out

    source, compiled = messages(po), messages(mo)
    stale = {k for k in source if compiled.get(k) != source[k]}
    extra = set(compiled) - set(source)
    assert not stale and not extra, f"{mo_path} is out of date; run `make messages` ({len(stale)} differ)"


def test_every_translatable_string_is_in_a_catalogue():
    # Extracts with xgettext into temporary .pot files and compares; writes no catalogue.
    call_command("messages", check=True, verbosity=0)


def test_no_two_catalogues_translate_the_same_msgid_differently():
    # Django merges every catalogue into one table: a clash would show one app's wording in another app.
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from po_context import collisions

    clashes = collisions()
    assert not clashes, (
        f"{len(clashes)} msgids are translated differently by different apps, e.g. {sorted(clashes)[:5]}; "
        "run scripts/po_context.py <app> (gives the app's strings a context) and make messages."
    )
