"""Public reading of policies, acceptance by staff, and "My policies"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from kilombero_ict.roles import user_roles
from kilombero_ict.uploads import serve_upload

from .. import selectors, services
from ..forms import (
    AcceptForm,
    NoteForm,
    RequiredNoteForm,
    SearchForm,
)
from ..markdown import text_fingerprint
from ..models import DocumentKind, PolicyVersion, VersionStatus
from .common import _client_ip, _page, _tools

# --- public reading ------------------------------------------------------------------------------


class PolicyListView(View):
    """`/policies/`: documents in force, grouped by kind, with full-text search in both languages."""

    def get(self, request):
        form = SearchForm(request.GET or None)
        q = kind = ""
        if form.is_valid():
            q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
        page = _page(request, selectors.published_documents(request.user, q=q, kind=kind))
        kinds = dict(DocumentKind.choices)
        return render(
            request,
            "policies/list.html",
            {
                "form": form,
                "page": page,
                "q": q,
                "kind": kind,
                "kind_labels": kinds,
                "searching": bool(q),
                "tools": _tools(request.user),
                "outstanding": selectors.outstanding_for(request.user) if request.user.is_authenticated else [],
            },
        )


def _reading_context(request, document, version, *, current):
    """What a reader of `version` is shown: the text in their language (or the other), and acceptance."""
    wanted = "en" if (get_language() or "sw").startswith("en") else "sw"
    shown = version.shown_language(wanted) if version else wanted
    context = {
        "document": document,
        "version": version,
        "current": current,
        "shown_language": shown,
        "fallback": bool(version) and shown != wanted,
        "body_html": version.html_in(shown) if version else "",
        "versions": selectors.versions_listed_for(request.user, document),
        "is_manager": selectors.is_policy_manager(request.user),
    }
    user = request.user
    if version is not None and current is not None and user.is_authenticated:
        needs = selectors.must_accept(user, document)
        covered = selectors.user_has_accepted(user, current) if needs else None
        context.update(must_accept=needs, covered_by=covered)
        if needs and covered is None and version.pk == current.pk:
            title = getattr(document, f"title_{shown}") or document.title_sw
            context["accept_form"] = AcceptForm(
                initial={
                    "language": shown,
                    "shown_sha256": text_fingerprint(title=title, number=version.number, html=version.html_in(shown)),
                }
            )
            context["deadline"] = (current.acceptance_baseline or current).acceptance_deadline
    return context


class DocumentDetailView(View):
    """`/policies/<slug>/`: the version in force, in the reader's language; acceptance for staff who must."""

    def get(self, request, slug):
        document = selectors.document_get_for(request.user, slug)
        current = selectors.current_version(document)
        context = _reading_context(request, document, current, current=current)
        return render(request, "policies/detail.html", context)


class VersionDetailView(View):
    """`/policies/<slug>/versions/<n>/`: an earlier published version, or (for policy managers) one in preparation."""

    def get(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = selectors.version_get_for(request.user, document, number)
        current = selectors.current_version(document)
        context = _reading_context(request, document, version, current=current)
        roles = user_roles(request.user)
        context.update(
            is_version_page=True,
            events=list(version.events.select_related("actor")) if context["is_manager"] else [],
            can_submit=roles.is_ict_officer and version.status == VersionStatus.DRAFT,
            can_approve=roles.is_management and version.status == VersionStatus.IN_REVIEW,
            can_return=(roles.is_management or roles.is_ict_officer)
            and version.status in (VersionStatus.IN_REVIEW, VersionStatus.APPROVED),
            can_publish=roles.is_ict_officer and version.status == VersionStatus.APPROVED,
            can_edit=roles.is_ict_officer and version.status == VersionStatus.DRAFT and request.user.is_staff,
            note_form=NoteForm(),
            return_form=RequiredNoteForm(),
        )
        return render(request, "policies/detail.html", context)


class VersionPdfView(View):
    """The signed PDF of a version the reader may see (same rules as the version page)."""

    def get(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = selectors.version_get_for(request.user, document, number)
        if not version.signed_pdf:
            raise Http404
        return serve_upload(version.signed_pdf, version.signed_pdf_name or f"{document.slug}-v{version.number}.pdf")


class AcceptView(View):
    """POST: the signed-in reader accepts the version in force. Accepting twice or a replaced version changes nothing."""

    def post(self, request, slug, number):
        document = selectors.document_get_for(request.user, slug)
        version = get_object_or_404(
            PolicyVersion, document=document, number=number, status__in=selectors.READABLE_STATUSES
        )
        form = AcceptForm(request.POST)
        target = reverse("policies:detail", kwargs={"slug": document.slug})
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(f"{target}#accept")
        try:
            ack, created = services.acknowledgement_accept(
                version=version,
                user=request.user,
                language=form.cleaned_data["language"],
                shown_sha256=form.cleaned_data["shown_sha256"],
                ip_address=_client_ip(request),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(target)
        when = date_format(timezone.localtime(ack.accepted_at), "DATETIME_FORMAT")
        if created:
            messages.success(
                request,
                _("Thank you. Your acceptance of %(title)s, version %(number)s, was recorded on %(when)s.")
                % {"title": document.title, "number": version.number, "when": when},
            )
        else:
            messages.info(
                request,
                _("You had already accepted version %(number)s on %(when)s; nothing was changed.")
                % {"number": version.number, "when": when},
            )
        return redirect(target)


# --- my policies ---------------------------------------------------------------------------------


class MineView(View):
    """`/policies/mine/`: what I still have to accept, and every acceptance I have given."""

    def get(self, request):
        page = _page(request, selectors.my_acknowledgements(request.user))
        return render(
            request,
            "policies/mine.html",
            {"outstanding": selectors.outstanding_for(request.user), "page": page},
        )
