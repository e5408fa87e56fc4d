"""Cron (every minute) or a long-running loop (`--loop`): check the monitored services that are due.

All due checks run at once (helpdesk/checks.py), each bounded by its timeout, so one dead target
never delays the others. Each result goes through `service_record_check`, which opens or closes
outages and tells the ICT officer. Afterwards finished hours are rolled up and raw results older
than 30 days are removed.
"""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from helpdesk.checks import CheckSpec, run_checks
from helpdesk.models import MonitoredService
from helpdesk.services.status import check_results_roll_up_and_prune, service_record_check


class Command(BaseCommand):
    help = "Check the monitored services that are due (once, or repeatedly with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep checking until stopped (Ctrl+C).")
        parser.add_argument("--pause", type=float, default=15, help="Seconds between rounds with --loop (default 15).")
        parser.add_argument("--all", action="store_true", help="Check every service that is not paused, due or not.")

    def handle(self, *args, **options):
        if not options["loop"]:
            self.run_round(force=options["all"])
            return
        try:
            while True:
                self.run_round(force=options["all"])
                time.sleep(max(options["pause"], 1))
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def run_round(self, *, force: bool) -> None:
        now = timezone.now()
        services = [s for s in MonitoredService.objects.filter(is_paused=False) if force or s.is_due(now)]
        outcomes = run_checks([CheckSpec.of(s) for s in services])
        checked_at = timezone.now()
        lines = []
        for service in services:
            outcome = outcomes[service.pk]
            try:
                changed = service_record_check(service=service, outcome=outcome, at=checked_at)
            except MonitoredService.DoesNotExist:
                continue  # deleted in the admin while its check ran
            state = "ok" if outcome.ok else f"failed: {outcome.error}"
            if changed is not None:
                state += " (outage closed)" if changed.ended_at else " (outage opened)"
            lines.append(f"{service.code}: {state}")
        counts = check_results_roll_up_and_prune(now=checked_at)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            f"Checked {len(services)} service(s); {counts['rolled_up']} hourly roll-up(s) written, "
            f"{counts['pruned']} old result(s) removed."
        )
