"""What the register's views share: the section tabs, pagination, and the one shape of every action page.

An action page (check out, retire, receive stock, ...) shows a form on GET; on POST it validates
the form, calls ONE service, turns the service's refusal into messages next to the fields, and
redirects with a confirmation. Nothing changes on GET.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from kilombero_ict.access import can_open

PAGE_SIZE = 50

TABS = [
    ("assets:list", _("Register")),
    ("assets:mine", _("My equipment")),
    ("assets:department", _("My department")),
    ("assets:consumables", _("Consumables")),
    ("assets:licences", _("Licences")),
    ("assets:maintenance", _("Maintenance")),
    ("assets:stocktakes", _("Stocktakes")),
    ("assets:reports", _("Reports")),
]


def register_tabs(request) -> list[dict]:
    """The register's section tabs the person may open, with the current one marked."""
    current = request.resolver_match.view_name if request.resolver_match else ""
    tabs = []
    for name, label in TABS:
        if can_open(request.user, name):
            tabs.append({"url_name": name, "label": label, "active": current == name})
    return tabs


def paginate(request, queryset, *, per_page: int = PAGE_SIZE):
    """The requested page (at most `per_page` rows); a page number out of range gives the last page."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def apply_service_errors(form, exc: ValidationError) -> None:
    """Put a service's refusal next to the fields it names (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class RegisterPageMixin:
    """Adds the section tabs and the person's roles to every register page."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["register_tabs"] = register_tabs(self.request)
        return context


class RegisterPage(RegisterPageMixin, TemplateView):
    pass


class ActionView(View):
    """GET: the form; POST: validate, call `perform` (one service), message, redirect.

    Subclasses set `form_class`, `title`, `submit_label` and define `get_object`, `perform` and
    `success_message`; `success_url` defaults to the object's page.
    """

    form_class = None
    template_name = "assets/form_page.html"
    title = ""
    intro = ""
    submit_label = _("Save")
    danger = False
    multipart = False

    def get_object(self):
        return None

    def get_form_kwargs(self):
        return {}

    def get_initial(self):
        return {}

    def perform(self, form, obj):
        raise NotImplementedError

    def success_message(self, result) -> str:
        return str(_("Saved."))

    def success_url(self, result) -> str:
        return result.get_absolute_url() if hasattr(result, "get_absolute_url") else self.request.path

    def cancel_url(self) -> str:
        obj = self.object
        return obj.get_absolute_url() if obj is not None and hasattr(obj, "get_absolute_url") else ""

    def extra_context(self) -> dict:
        return {}

    def render_form(self, form, status=200):
        context = {
            "form": form,
            "object": self.object,
            "title": self.title,
            "intro": self.intro,
            "submit_label": self.submit_label,
            "danger": self.danger,
            "multipart": self.multipart,
            "cancel_url": self.cancel_url(),
            "register_tabs": register_tabs(self.request),
            **self.extra_context(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_form(self.form_class(initial=self.get_initial(), **self.get_form_kwargs()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form_class(request.POST, request.FILES, initial=self.get_initial(), **self.get_form_kwargs())
        if form.is_valid():
            try:
                result = self.perform(form, self.object)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, self.success_message(result))
                return redirect(self.success_url(result))
        return self.render_form(form, status=400)


class PostOnlyActionView(View):
    """A button that changes something: POST only (GET answers 405), one service, a message, a redirect."""

    http_method_names = ["post"]

    def perform(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message, url = self.perform()
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
            return redirect(self.failure_url())
        messages.success(request, message)
        return redirect(url)

    def failure_url(self) -> str:
        raise NotImplementedError
