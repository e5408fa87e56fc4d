from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KilomberoIctConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kilombero_ict"
    verbose_name = _("Organisation")

    def ready(self):
        from . import audit

        audit.connect()
