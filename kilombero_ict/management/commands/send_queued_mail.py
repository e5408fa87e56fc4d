"""Cron (every 5 minutes): send again the mail the server refused earlier."""

from django.core.management.base import BaseCommand

from kilombero_ict.mail import queued_mail_send


class Command(BaseCommand):
    help = "Retry the messages kept because the mail server was unreachable or refused them."

    def handle(self, *args, **options):
        counts = queued_mail_send()
        self.stdout.write("Queued mail: {sent} sent, {failed} still refused, {given_up} given up.".format(**counts))
