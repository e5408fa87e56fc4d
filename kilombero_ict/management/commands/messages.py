"""Refresh (or check) the Swahili catalogues, one per app, from the code and templates.

Strings of `<app>/` and `templates/<app>/` go to `<app>/locale/sw/LC_MESSAGES/django.po`;
everything else (the organisation layer, base templates, registration pages) goes to
`locale/sw/LC_MESSAGES/django.po`. One catalogue per app lets each app's translations live
beside its code. `--check` writes nothing and lists the strings missing from a catalogue.
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import makemessages

IGNORED = [
    ".venv",
    ".venv/*",
    "var",
    "var/*",
    "node_modules",
    "node_modules/*",
    "tests",
    "tests/*",
    "bench",
    "bench/*",
    "docs",
    "docs/*",
    "static",
    "static/*",
    ".pgdata",
    ".pgdata/*",
    "scripts",
    "scripts/*",
    ".git",
    ".git/*",
]


def catalogue_dir(path: Path) -> Path:
    """The locale directory that owns the translatable file at `path`."""
    base = Path(settings.BASE_DIR)
    relative = path.resolve().relative_to(base)
    parts = relative.parts
    app_labels = {Path(p).name for p in domain_app_paths()}
    if parts and parts[0] in app_labels:
        return base / parts[0] / "locale"
    if len(parts) > 1 and parts[0] == "templates" and parts[1] in app_labels:
        return base / parts[1] / "locale"
    return base / "locale"


def domain_app_paths() -> list[str]:
    from django.apps import apps

    base = str(Path(settings.BASE_DIR).resolve())
    return [
        config.path
        for config in apps.get_app_configs()
        if config.path.startswith(base) and config.name != "kilombero_ict"
    ]


class Command(makemessages.Command):
    help = "Refresh the Swahili catalogues (one per app) from code and templates; --check only reports."

    msgmerge_options = ["-q", "--backup=none", "--previous", "--update", "--no-fuzzy-matching"]

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--check", action="store_true", help="Write nothing; fail when a catalogue misses strings.")

    def handle(self, *args, **options):
        self.check_only = options.pop("check")
        self.missing = {}
        options.update(
            locale=["sw"],
            domain="django",
            ignore_patterns=list(options.get("ignore_patterns") or []) + IGNORED,
            no_obsolete=True,
            keep_pot=False,
            add_location="file",  # file names without line numbers: moving code does not churn the catalogues
            verbosity=options.get("verbosity", 1) if not self.check_only else 0,
        )
        os.chdir(settings.BASE_DIR)
        for path in [Path(settings.BASE_DIR) / "locale", *(Path(p) / "locale" for p in domain_app_paths())]:
            path.mkdir(exist_ok=True)
        super().handle(*args, **options)
        if self.check_only:
            if self.missing:
                lines = [f"{po}: {len(ids)} missing, e.g. {sorted(ids)[:5]}" for po, ids in self.missing.items()]
                raise CommandError("Strings missing from the Swahili catalogues:\n" + "\n".join(lines))
            self.stdout.write("Every translatable string is in its catalogue.")

    def find_files(self, root):
        files = super().find_files(root)
        for translatable in files:
            translatable.locale_dir = str(catalogue_dir(Path(translatable.dirpath) / translatable.file))
        return files

    def write_po_file(self, potfile, locale):
        if not self.check_only:
            return super().write_po_file(potfile, locale)
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        wanted = {(e.msgctxt, e.msgid) for e in polib.pofile(potfile) if e.msgid}
        have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(pofile))} if pofile.exists() else set()
        gap = wanted - have
        if gap:
            self.missing[str(pofile.relative_to(settings.BASE_DIR))] = {m for _, m in gap}
        return None
