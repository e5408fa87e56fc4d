"""What the risk register's views share: a form page that calls one service, and the matrix per request."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views import View

from ..matrix import Grid, no_matrix_error


def grid_for(request) -> Grid:
    """The matrix, loaded once per request (one query)."""
    grid = getattr(request, "_risk_grid", None)
    if grid is None:
        grid = Grid.load()
        if grid is None:
            raise no_matrix_error()
        request._risk_grid = grid
    return grid


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's refusal next to the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ServiceFormView(View):
    """GET shows the form; POST validates it, calls one service, and redirects with a message.

    Subclasses give `form_class`, `get_object()` (through a selector: 404 for rows not the
    person's), `allowed(obj)` (403 when false), `perform(form, obj)` (the one service call) and
    `success_message`. A refusal is shown next to its field with status 400; nothing is saved.
    """

    template_name = "risk/form.html"
    form_class = None
    title = ""
    intro = ""
    submit_label = ""
    success_message = ""

    def get_object(self):
        return None

    def allowed(self, obj) -> bool:
        return True

    def get_form_kwargs(self, obj) -> dict:
        return {}

    def perform(self, form, obj):
        raise NotImplementedError

    def get_success_message(self, obj, result) -> str:
        return self.success_message

    def success_url(self, obj, result) -> str:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"

    def get_context(self, obj) -> dict:
        return {}

    def _prepare(self, request):
        obj = self.get_object()
        if not self.allowed(obj):
            raise PermissionDenied
        return obj

    def render_form(self, request, form, obj, status=200):
        context = {
            "form": form,
            "object": obj,
            "title": self.title,
            "intro": self.intro,
            "submit_label": self.submit_label,
            **self.get_context(obj),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        obj = self._prepare(request)
        return self.render_form(request, self.form_class(**self.get_form_kwargs(obj)), obj)

    def post(self, request, *args, **kwargs):
        obj = self._prepare(request)
        form = self.form_class(data=request.POST, **self.get_form_kwargs(obj))
        if form.is_valid():
            try:
                result = self.perform(form, obj)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, self.get_success_message(obj, result))
                return redirect(self.success_url(obj, result))
        return self.render_form(request, form, obj, status=400)
