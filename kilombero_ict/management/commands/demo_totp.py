"""Print the current two-factor code of a demo account (demo and test machines only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from kilombero_ict.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current 6-digit two-factor code of the demo ICT accounts (ictofficer, technician)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="technician")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on (a demo or development machine).")
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user__username=options["username"], key=DEMO_TOTP_KEY).first()
        if device is None:
            raise CommandError(f"{options['username']} has no demo authenticator; run seed_demo first.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0)
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{code:06d}  (valid for {remaining} more seconds)")
