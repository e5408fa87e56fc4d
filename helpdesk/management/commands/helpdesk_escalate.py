"""Cron (every 15 minutes): mark tickets that missed an SLA target and tell the ICT officer, once per breach."""

from django.core.management.base import BaseCommand

from helpdesk.services import ticket_escalate_breaches


class Command(BaseCommand):
    help = "Mark newly breached tickets and e-mail the ICT officer a digest (each breach is told once)."

    def handle(self, *args, **options):
        told = ticket_escalate_breaches()
        if told:
            self.stdout.write(f"SLA breaches told: {len(told)} ({', '.join(t.reference for t in told[:20])}).")
        else:
            self.stdout.write("No new SLA breaches.")
