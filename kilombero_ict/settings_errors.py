"""The error settings raise for a configuration mistake; manage.py prints it as one sentence."""

from django.core.exceptions import ImproperlyConfigured


class SettingsError(ImproperlyConfigured):
    """A configuration problem that manage.py reports in one sentence, without a traceback."""


def is_settings_error(exc: BaseException) -> bool:
    return isinstance(exc, SettingsError)
