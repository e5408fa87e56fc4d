"""Middleware of the organisation layer: the access table, and a calm answer when PostgreSQL is away."""

import logging
import time

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse
from django.utils.http import urlencode

from .access import SECOND_FACTOR_EXEMPT, rule_for
from .security import second_factor_missing

logger = logging.getLogger(__name__)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, refreshing an idle session's expiry at most every few minutes.

    Writing the session on every request (SESSION_SAVE_EVERY_REQUEST) costs a database write per
    page; refreshing it when it is older than SESSION_REFRESH_SECONDS keeps the idle timeout within
    those few minutes of SESSION_COOKIE_AGE at a fraction of the writes.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return super().process_response(request, response)


REFRESHED_KEY = "_refreshed"


class AccessTableMiddleware:
    """Enforce `kilombero_ict.access` before any view runs; a URL without a rule answers 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = rule_for(match.view_name) if match else None
        if rule is None:
            logger.error("URL %s has no row in the access table; refusing it.", match and match.view_name)
            raise Http404
        if (
            match.view_name not in SECOND_FACTOR_EXEMPT
            and request.user.is_authenticated
            and second_factor_missing(request)
        ):
            # Signed in with a password only: nothing opens until the second factor is given.
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")
        if rule.public or rule.admin_site:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rule.allows(request.user):
            if rule.hide:
                raise Http404
            raise PermissionDenied
        return None


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a friendly 503 page instead of a server error.

    The page is rendered without a request context, because the context processors need the
    database that has just gone away. Django's CONN_HEALTH_CHECKS reconnects on the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
            return database_unavailable_response(request)
        return None


def database_unavailable_response(request):
    from django.http import HttpResponse
    from django.utils import translation

    html = loader.get_template("errors/503.html").render({"LANGUAGE_CODE": translation.get_language()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response
