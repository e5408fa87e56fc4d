"""Fill the database with the demo council: departments, places, people, and each app's demo data.

Idempotent: running it twice leaves the same rows. Refuses to run when DEBUG is off (a production
server) unless --force is given. Each app contributes through `<app>/demo.py::seed(stdout)`,
called in the order of settings.DEMO_SEED_APPS.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create the demo council (departments, sites, demo accounts and each app's demo data)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database already holds departments."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: this looks like a production server. "
                "Use --force only on a training or test copy."
            )
        from kilombero_ict.models import Department

        if options["if_empty"] and Department.objects.exists():
            self.stdout.write("Demo data: the database already has data; nothing to do.")
            return
        for label in settings.DEMO_SEED_APPS:
            try:
                module = import_module(f"{label}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{label}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place. Every demo password is kilombero-demo."))
