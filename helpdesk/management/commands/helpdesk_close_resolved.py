"""Cron (daily, e.g. 16:00): close tickets that have stayed resolved for 5 working days."""

from django.core.management.base import BaseCommand

from helpdesk.services import ticket_close_resolved


class Command(BaseCommand):
    help = "Close tickets resolved 5 working days ago or more that the requester neither confirmed nor reopened."

    def handle(self, *args, **options):
        closed = ticket_close_resolved()
        self.stdout.write(f"Resolved tickets closed: {closed}.")
