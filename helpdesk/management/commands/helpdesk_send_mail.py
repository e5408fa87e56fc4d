"""Cron (every 5 minutes): send helpdesk mail that could not be sent when it was written."""

from django.core.management.base import BaseCommand

from helpdesk.mail import send_pending
from helpdesk.models import OutboundMail


class Command(BaseCommand):
    help = "Retry unsent helpdesk e-mails whose next attempt is due; report what is still waiting."

    def handle(self, *args, **options):
        sent, failed = send_pending()
        waiting = OutboundMail.objects.filter(sent_at__isnull=True, attempts__lt=OutboundMail.MAX_ATTEMPTS).count()
        given_up = OutboundMail.objects.filter(sent_at__isnull=True, attempts__gte=OutboundMail.MAX_ATTEMPTS).count()
        self.stdout.write(f"Mail sent: {sent}, failed now: {failed}, still to retry: {waiting}, given up: {given_up}.")
        if given_up:
            self.stderr.write(
                f"{given_up} helpdesk mail(s) failed {OutboundMail.MAX_ATTEMPTS} times; see Outgoing e-mails in the admin."
            )
