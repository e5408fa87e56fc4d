"""Pages of the organisation layer: the public ICT unit pages, signing in, the profile, health."""

import logging
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import FileResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django.views.i18n import set_language as django_set_language

from . import services
from .forms import LoginForm, ProfileForm
from .home import panels_for
from .middleware import database_unavailable_response
from .models import OrganisationProfile
from .roles import user_roles
from .security import has_confirmed_device

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    """`/`: the ICT unit's public page for visitors; the person's own home after signing in."""

    def get_template_names(self):
        if self.request.user.is_authenticated:
            return ["kilombero_ict/home.html"]
        return ["kilombero_ict/public_home.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.is_authenticated:
            context["my_roles"] = user_roles(self.request.user)
            context["panels"] = panels_for(self.request)
        return context


class AboutView(TemplateView):
    template_name = "kilombero_ict/about.html"


class PortalLoginView(auth_views.LoginView):
    """Sign in, then continue in the person's preferred language."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        language = self.request.user.preferred_language
        translated = translate_url(url, language)  # resolved in the current language, reversed in the preferred one
        translation.activate(language)
        return translated


class ProfileView(View):
    template_name = "kilombero_ict/profile.html"

    def _render(self, request, form, status=200):
        context = {
            "form": form,
            "two_factor_on": has_confirmed_device(request.user),
            "two_factor_required": request.user.is_staff or user_roles(request.user).is_ict,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, ProfileForm(instance=request.user))

    def post(self, request):
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_update(user=request.user, **data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                language = data["preferred_language"]
                with translation.override(language):
                    messages.success(request, _("Your profile has been saved."))
                    return redirect(reverse("profile"))
        # Rendered against a fresh copy so that the header does not show unsaved values.
        request.user.refresh_from_db()
        return self._render(request, form, status=400)


@never_cache
def healthz(request):
    """200 {"database": "ok"} when PostgreSQL answers, 503 otherwise. For monitoring; no session, no login."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, OperationalError, InterfaceError) as exc:
        logger.warning("Health check: database unavailable: %s", exc)
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


def org_logo(request):
    """The council's logo: the uploaded one when there is one, else the portal's default emblem."""
    profile = OrganisationProfile.current()
    if profile.logo:
        try:
            response = FileResponse(profile.logo.open("rb"))
        except OSError:
            return HttpResponseRedirect(static("img/logo.svg"))
        response["Cache-Control"] = "public, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return HttpResponseRedirect(static("img/logo.svg"))


def server_error(request):
    """The 500 handler: a lost database becomes the friendly 503 page, anything else the plain 500 page."""
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        return database_unavailable_response(request)
    from django.views.defaults import server_error as django_server_error

    return django_server_error(request)


@require_POST
def set_language(request):
    """Switch language and stay on the same page.

    Django's own view resolves `next` in the language of the switch URL (Swahili, no prefix), so
    an English page (/en/...) would not be recognised; resolve it in the page's own language.
    """
    next_url = request.POST.get("next") or "/"
    page_language = translation.get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    with translation.override(page_language):
        return django_set_language(request)


class AuditTrailView(TemplateView):
    """/audit/: the sign-in, download and rights events, newest first, for the ICT officer and the auditor."""

    template_name = "kilombero_ict/audit_trail.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from .forms import AuditFilterForm
        from .models import AuditEvent

        form = AuditFilterForm(self.request.GET or None)
        events = AuditEvent.objects.select_related("actor")
        if form.is_valid():
            data = form.cleaned_data
            if data["action"]:
                events = events.filter(action=data["action"])
            if data["who"]:
                events = events.filter(username__icontains=data["who"])
            if data["since"]:
                events = events.filter(at__date__gte=data["since"])
            if data["until"]:
                events = events.filter(at__date__lte=data["until"])
        page = Paginator(events, self.page_size).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=form, page=page, query=query.urlencode(), **kwargs)
