"""Daily (cron): one e-mail per person gathering everything that waits for them. Safe to run twice a day."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kilombero_ict.reminders import digest_send


class Command(BaseCommand):
    help = "Send each person one digest of what needs them today (SLA, approvals, policies, warranties, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be sent; send nothing.")

    def handle(self, *args, **options):
        counts = digest_send(today=timezone.localdate(), dry_run=options["dry_run"])
        self.stdout.write(
            "Reminders: {sent} sent, {skipped_already} already sent today, {failed} failed, "
            "{without_email} without an e-mail address.".format(**counts)
        )
