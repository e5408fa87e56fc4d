"""Helpers shared by the policies services: role and transition checks, mail after commit, search refresh."""

import calendar
import contextlib
import contextvars
import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import TextField, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kilombero_ict.models import OrganisationProfile
from kilombero_ict.roles import ROLE_GROUPS, has_role

from ..markdown import render_markdown
from ..models import (
    PolicyDocument,
    PolicyVersion,
    PolicyVersionEvent,
    VersionStatus,
)

User = get_user_model()


# --- helpers -------------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved `months` calendar months on, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _refuse(message: str, field: str | None = None, code: str = "invalid"):
    if field:
        raise ValidationError({field: ValidationError(message, code=code)})
    raise ValidationError(message, code=code)


def _require(actor, *roles: str, message: str) -> None:
    if not has_role(actor, *roles):
        _refuse(message, code="forbidden")


def _check_move(table, current: str, wanted: str, labels) -> None:
    if wanted not in table[current]:
        _refuse(
            _("This cannot be done while the status is %(status)s.") % {"status": labels(current).label},
            code="transition",
        )


def portal_url(path: str) -> str:
    return getattr(settings, "PORTAL_URL", "http://127.0.0.1:8000").rstrip("/") + path


_mail_off = contextvars.ContextVar("policies_mail_off", default=False)


@contextlib.contextmanager
def mail_suppressed():
    """Within this block the services send no e-mail (used when loading demo data, never by pages)."""
    token = _mail_off.set(True)
    try:
        yield
    finally:
        _mail_off.reset(token)


def _mail_on_commit(recipients, *, subject_template: str, body_template: str, context: dict) -> None:
    """After commit, e-mail each recipient in their own language (one message each, one connection)."""
    if _mail_off.get():
        return
    people = {u.pk: u for u in recipients if u.email and u.is_active}
    if not people:
        return

    def send():
        org = OrganisationProfile.current()
        messages = []
        for person in people.values():
            with translation.override(person.preferred_language):
                ctx = {**context, "recipient": person, "org": org, "portal_url": portal_url}
                if "url_name" in context:
                    ctx["link"] = portal_url(reverse(context["url_name"], kwargs=context.get("url_kwargs", {})))
                subject = " ".join(render_to_string(subject_template, ctx).split())
                body = render_to_string(body_template, ctx)
            messages.append(EmailMessage(subject, body, to=[person.email]))
        get_connection(fail_silently=False).send_messages(messages)

    transaction.on_commit(send)


def _people_with_role(role: str):
    return User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[role]).exclude(email="")


def _version_event(version, actor, from_status, to_status, note=""):
    return PolicyVersionEvent.objects.create(
        version=version, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


def _lock_version(version: PolicyVersion) -> PolicyVersion:
    return PolicyVersion.objects.select_for_update().select_related("document").get(pk=version.pk)


def _render_bodies(version: PolicyVersion) -> None:
    version.body_html_sw = render_markdown(version.body_sw)
    version.body_html_en = render_markdown(version.body_en)


def document_refresh_search(*, document: PolicyDocument) -> None:
    """Rebuild the full-text search vector of `document` from its titles, summaries, reference and published text.

    Swahili has no stemmer in PostgreSQL, so every text is indexed with the `simple` configuration,
    and the English text once more with `english` so that "passwords" finds "password".
    """
    current = document.versions.filter(status=VersionStatus.PUBLISHED).first()
    titles = " ".join([document.title_sw, document.title_en, document.reference])
    summaries = " ".join([document.summary_sw, document.summary_en])
    body_sw = current.body_sw if current else ""
    body_en = current.body_en if current else ""
    text = TextField()
    PolicyDocument.objects.filter(pk=document.pk).update(
        search_vector=SearchVector(Value(titles, output_field=text), config="simple", weight="A")
        + SearchVector(Value(summaries, output_field=text), config="simple", weight="B")
        + SearchVector(
            Value(f"{document.title_en} {document.summary_en}", output_field=text), config="english", weight="B"
        )
        + SearchVector(Value(f"{body_sw} {body_en}", output_field=text), config="simple", weight="C")
        + SearchVector(Value(body_en, output_field=text), config="english", weight="C")
    )
