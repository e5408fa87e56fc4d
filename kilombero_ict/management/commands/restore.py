"""Put a backup back: the database and the uploaded files. Everything written since is lost."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kilombero_ict.backups import BackupError, backup_restore, backup_sets


class Command(BaseCommand):
    help = "Restore the database and uploads from a backup made by `manage.py backup` (stamp or 'latest')."

    def add_arguments(self, parser):
        parser.add_argument("stamp", nargs="?", default="latest")
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "backups"))
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument("--list", action="store_true", help="List the backups and stop.")

    def handle(self, *args, **options):
        directory = Path(options["dir"])
        if options["list"]:
            for item in backup_sets(directory):
                self.stdout.write(item.stamp)
            return
        if not options["yes"]:
            answer = input(f"Replace the database and uploads with backup {options['stamp']}? Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            restored = backup_restore(directory=directory, stamp=options["stamp"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored backup {restored.stamp}.")
