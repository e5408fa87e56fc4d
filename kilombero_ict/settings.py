"""Settings for the Kilombero ICT Portal.

Everything that differs between a developer's laptop and the council's server comes
from the environment (or a `.env` file beside manage.py), read with django-environ.
`.env.example` documents every variable.
"""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from kilombero_ict.settings_errors import SettingsError

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Development only: a key that is obviously not secret. Production must set its own.
_DEV_SECRET_KEY = "dev-only-kilombero-ict-portal-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise SettingsError(
            "SECRET_KEY is not set: production (DEBUG off) needs a long random SECRET_KEY "
            "in the environment or in .env - see .env.example."
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (
    SECRET_KEY == _DEV_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise SettingsError(
        "SECRET_KEY is too weak for production: use at least 50 random characters "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "kilombero_ict",
    "assets",
    "helpdesk",
    "policies",
    "risk",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kilombero_ict.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kilombero_ict.middleware.DatabaseUnavailableMiddleware",
    "kilombero_ict.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "kilombero_ict.middleware.AccessTableMiddleware",
    "kilombero_ict.audit.AuditDownloadsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kilombero_ict.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kilombero_ict.context_processors.portal",
                "helpdesk.context_processors.outage_banners",
            ],
        },
    },
]

WSGI_APPLICATION = "kilombero_ict.wsgi.application"

# PostgreSQL only. `make run` / `make test` find or start a server and write DATABASE_URL to .env.
if not env.str("DATABASE_URL", default=""):
    raise SettingsError(
        "DATABASE_URL is not set: run `make run` (it finds or starts PostgreSQL and writes .env), "
        "or set DATABASE_URL=postgres://user:password@host:5432/dbname."
    )
DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise SettingsError("DATABASE_URL must point at PostgreSQL (postgres://...); other databases are not supported.")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default="") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "kilombero_ict.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kilombero_ict.auth_backend.PortalBackend",  # Django's ModelBackend; loads department and roles with the user
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Language and time. Swahili first, English second; Swahili URLs carry no prefix.
LANGUAGE_CODE = "sw"
LANGUAGES = [("sw", _("Kiswahili")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Africa/Dar_es_Salaam")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["kilombero_ict.formats"]

# Static files: vendored, hashed and compressed, served by whitenoise.
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads live outside the static root and are never served by URL: permission-checked views stream them.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail: console in development, SMTP (or anything django-environ understands) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
# Messages the server refuses are kept and retried (kilombero_ict.mail); the real sender is the one EMAIL_URL names.
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F821 - set just above from EMAIL_URL
EMAIL_BACKEND = "kilombero_ict.mail.ResilientEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="TEHAMA Kilombero <tehama@kilomberodc.go.tz>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's public address, for links in e-mails sent by cron jobs (no request to take it from).
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")
EMAIL_TIMEOUT = 10

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Imports and exports in the admin.
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Sessions and cookies.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 3600)  # idle time before signing out
SESSION_SAVE_EVERY_REQUEST = False  # the session is refreshed every SESSION_REFRESH_SECONDS instead (middleware)
SESSION_REFRESH_SECONDS = 300
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Failed sign-ins (django-axes): 5 failures for one username from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "kilombero_ict.security.axes_client_ip"
AXES_VERBOSE = False
# Proxies (nginx) in front of gunicorn whose X-Forwarded-For is trusted for the client's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor sign-in (TOTP): required for ICT staff and admin users, optional for everyone else.
OTP_TOTP_ISSUER = "TEHAMA"
# The admin never shows a device's secret or QR code (not even to the ICT officer): people set their
# own second factor up on their profile page, and a secret seen by someone else is no second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Production hardening; a reverse proxy (nginx) terminates TLS and says so with X-Forwarded-Proto.
# HTTPS=false is only for a production-like server on loopback (benchmarks, browser tests): plain HTTP cookies.
HTTPS = env.bool("HTTPS", default=True)
if not DEBUG and HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Working time used by SLAs and availability reports (government hours, Mon-Fri 07:30-15:30).
WORKING_DAYS = (0, 1, 2, 3, 4)
WORKING_HOURS = ("07:30", "15:30")

# Apps whose `demo.seed()` the seed_demo command runs, in order.
DEMO_SEED_APPS = ["kilombero_ict", "assets", "helpdesk", "policies", "risk"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Performance harness (bench/, issue 11) ------------------------------------------------------
# Off unless the environment sets BENCH=1, which only `make bench` does for the server it measures:
# then every response carries X-Query-Count (bench.middleware) and /bench/floor/ is mounted
# (kilombero_ict/urls.py). Never set BENCH on a real server.
BENCH = env.bool("BENCH", default=False)
if BENCH:
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
