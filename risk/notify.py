"""E-mail from the risk register, sent after the transaction commits, each in the recipient's language.

Mail is plain text. Subjects and bodies come from `templates/risk/email/<name>_subject.txt` and
`<name>.txt`, rendered once per recipient inside `translation.override(preferred_language)`, so
bilingual content (titles) and links follow the person. A mail server that is down is logged and
never undoes the change that triggered the mail.
"""

import contextvars
import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)

_muted = contextvars.ContextVar("risk_mail_muted", default=False)


@contextmanager
def mail_muted():
    """Queue no mail inside this block (the demo data uses it; it is per thread, never global)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def risk_link(risk) -> str:
    """The address of the risk's page in the active language (absolute, from PORTAL_URL)."""
    base = settings.PORTAL_URL.rstrip("/")
    return base + reverse("risk:detail", args=[risk.reference])


def notify(recipients, template: str, context: dict, *, exclude=None) -> None:
    """Queue `template` for each active recipient with an e-mail address, except `exclude`."""
    if _muted.get():
        return
    seen = set()
    people = []
    for person in recipients:
        if person is None or person.pk in seen or not person.is_active or not person.email:
            continue
        if exclude is not None and person.pk == exclude.pk:
            continue
        seen.add(person.pk)
        people.append(person)
    if not people:
        return

    def send():
        for person in people:
            try:
                with translation.override(person.preferred_language):
                    ctx = {**context, "recipient": person}
                    if "risk" in context:
                        ctx["link"] = risk_link(context["risk"])
                    subject = " ".join(render_to_string(f"risk/email/{template}_subject.txt", ctx).split())
                    body = render_to_string(f"risk/email/{template}.txt", ctx)
                send_mail(subject, body, None, [person.email])
            except Exception:
                logger.exception("Risk register: could not send %s to %s", template, person.email)

    transaction.on_commit(send)
