"""WSGI entry point for gunicorn: `gunicorn kilombero_ict.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kilombero_ict.settings")

application = get_wsgi_application()
