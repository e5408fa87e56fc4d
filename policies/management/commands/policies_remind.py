"""E-mail staff who have not yet accepted a document in force that they must accept (run by cron, e.g. daily).

Each person gets one e-mail listing all their outstanding documents and deadlines, in their own
language, and at most once every --every-days days (7 by default), however often cron runs it.
"""

from django.core.management.base import BaseCommand, CommandError

from policies.services import acknowledgement_remind_outstanding


class Command(BaseCommand):
    help = "E-mail staff who have not accepted the policies in force that apply to them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every-days",
            type=int,
            default=7,
            help="Remind a person about the same version at most once in this many days (default 7).",
        )

    def handle(self, *args, **options):
        every_days = options["every_days"]
        if every_days < 1:
            raise CommandError("--every-days must be 1 or more.")
        sent = acknowledgement_remind_outstanding(every_days=every_days)
        self.stdout.write(f"Policy reminders: {sent} e-mail(s) sent.")
