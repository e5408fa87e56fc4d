"""Nightly: end every risk acceptance whose expiry date has passed, returning its risk to "assessed".

Run it from cron once a day, e.g. `15 0 * * * cd /srv/kilombero && .venv/bin/python manage.py
risk_expire_acceptances`. Safe to run again: an acceptance already ended is left alone, and each
one is ended in its own transaction through `risk.services.acceptance_expire`.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from risk.services import acceptances_expire_due


class Command(BaseCommand):
    help = "End risk acceptances whose expiry date has passed (the risk returns to 'assessed')."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Act as if today were this day (YYYY-MM-DD); for catching up after the server was down.",
        )

    def handle(self, *args, **options):
        on = None
        if options.get("date"):
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must look like 2026-11-28.") from None
        expired = acceptances_expire_due(on=on)
        for acceptance in expired:
            self.stdout.write(
                f"{acceptance.risk.reference}: acceptance expired (it ran until {acceptance.expires_on:%Y-%m-%d})."
            )
        self.stdout.write(f"{len(expired)} acceptance(s) expired.")
