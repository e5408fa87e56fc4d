"""Back up the database and uploaded files (for cron, e.g. nightly), keeping the newest N backups."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kilombero_ict.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a timestamped PostgreSQL dump (custom format) and an archive of uploads; keep the newest N."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "backups"))
        parser.add_argument("--keep", type=int, default=14)

    def handle(self, *args, **options):
        try:
            made = backup_create(directory=Path(options["dir"]), keep=options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup {made.stamp}: {made.dump} and {made.media}")
