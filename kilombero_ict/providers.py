"""Find a function that each project app may define in one of its modules (`<app>/<module>.py`).

Used for the home panels, the reminder digest and the portal-wide search, so that the
organisation layer gathers what every app contributes without importing the apps by name.
"""

from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings


@cache
def app_functions(module_name: str, function_name: str) -> tuple:
    found = []
    for config in apps.get_app_configs():
        if config.name == "kilombero_ict" or not config.path.startswith(str(settings.BASE_DIR)):
            continue
        try:
            module = import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise
            continue
        function = getattr(module, function_name, None)
        if function is not None:
            found.append(function)
    return tuple(found)
