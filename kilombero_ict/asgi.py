"""ASGI entry point (not used in production today; gunicorn serves WSGI)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kilombero_ict.settings")

application = get_asgi_application()
