from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KilomberoIctConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kilombero_ict"
    verbose_name = _("Organisation")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import audit, security

        audit.connect()
        user_logged_in.connect(security.decide_second_factor_at_login, dispatch_uid="kilombero_second_factor")
