"""Send the asset register's daily reminders; run once a day from cron on one host.

    15 6 * * 1-5  cd /srv/kilombero && .venv/bin/python manage.py assets_reminders

People with loans overdue or due within two days get a reminder; ICT officers get a digest of
overdue maintenance, expiring licences, low stock and overdue loans.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from assets.services import reminders_send


class Command(BaseCommand):
    help = "Mail loan reminders to holders and the register's daily digest to ICT officers."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = reminders_send()
        self.stdout.write(f"Loan reminders: {counts['loan_reminders']}; digests to ICT officers: {counts['digests']}.")
