"""The helpdesk's e-mail: rendered in the recipient's language, stored, then sent after commit.

`queue()` is called by services inside their transaction. It renders the subject, a plain-text
body (user text carried as text) and an HTML body (user text escaped by the template engine),
stores an `OutboundMail` row and asks for it to be sent once the transaction commits. A send
that fails is logged and left for `manage.py helpdesk_send_mail`, so a mail server outage
never loses a ticket nor a message.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kilombero_ict.models import OrganisationProfile

from .models import OutboundMail

logger = logging.getLogger(__name__)

RETRY_BASE = dt.timedelta(minutes=5)
RETRY_MAX = dt.timedelta(hours=6)


def absolute_url(name: str, **kwargs) -> str:
    """A full link to a portal page, in the active language (call inside `translation.override`)."""
    return settings.PORTAL_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def queue(*, kind: str, recipient, ticket=None, context: dict | None = None) -> OutboundMail | None:
    """Render and store one mail to `recipient`; it is sent after the surrounding transaction commits.

    Nothing is queued for people without an e-mail address or whose account is inactive.
    """
    if not recipient.email or not recipient.is_active:
        logger.info("Helpdesk mail %s not queued: %s has no e-mail address or is inactive.", kind, recipient.pk)
        return None
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        data = {
            "recipient": recipient,
            "ticket": ticket,
            "org": OrganisationProfile.current(),
            "base_url": settings.PORTAL_URL.rstrip("/"),
            **(context or {}),
        }
        if ticket is not None:
            data.setdefault("ticket_url", absolute_url("helpdesk:detail", ref=ticket.reference))
        subject = " ".join(render_to_string(f"helpdesk/mail/{kind}_subject.txt", data).split())[:250]
        text = render_to_string(f"helpdesk/mail/{kind}.txt", data)
        html = render_to_string(f"helpdesk/mail/{kind}.html", data)
    now = timezone.now()
    mail = OutboundMail.objects.create(
        created_at=now,
        next_attempt_at=now,
        kind=kind,
        ticket=ticket,
        recipient=recipient,
        to_address=recipient.email,
        language=language,
        subject=subject,
        body_text=text,
        body_html=html,
    )
    transaction.on_commit(lambda: send_pending(ids=[mail.pk]))
    return mail


def _backoff(attempts: int) -> dt.timedelta:
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_MAX)


def _claim(pk: int, now: dt.datetime) -> OutboundMail | None:
    """Mark one due mail as sent and lock it, in one statement; None when it is not due or another sender holds it.

    The caller sends it inside the same transaction: if sending fails, the caller writes the failure
    before the transaction ends, so nobody else ever sees the row as sent.
    """
    table = OutboundMail._meta.db_table
    rows = OutboundMail.objects.raw(
        f"UPDATE {table} SET attempts = attempts + 1, sent_at = %s, last_error = '' "  # noqa: S608 - our table
        f"WHERE id = (SELECT id FROM {table} WHERE id = %s AND sent_at IS NULL AND attempts < %s "
        "AND next_attempt_at <= %s FOR UPDATE SKIP LOCKED) RETURNING *",
        [timezone.now(), pk, OutboundMail.MAX_ATTEMPTS, now],
    )
    return next(iter(rows), None)


def send_pending(*, ids=None, now: dt.datetime | None = None, limit: int = 200) -> tuple[int, int]:
    """Send stored mails that are due (all due ones, or just `ids`); returns (sent, failed).

    Each row is claimed and locked while it is sent (`SKIP LOCKED`), so two cron runs never send one mail twice.
    """
    now = now or timezone.now()
    if ids is not None:
        # The mails just queued: no need to look for them first, the claim checks they are still due.
        candidates = list(ids)[:limit]
    else:
        due = OutboundMail.objects.filter(
            sent_at__isnull=True, attempts__lt=OutboundMail.MAX_ATTEMPTS, next_attempt_at__lte=now
        )
        candidates = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    connection = None
    for pk in candidates:
        with transaction.atomic():
            mail = _claim(pk, now)
            if mail is None:
                continue
            try:
                connection = connection or get_connection(fail_silently=False)
                message = EmailMultiAlternatives(
                    subject=mail.subject,
                    body=mail.body_text,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[mail.to_address],
                    connection=connection,
                )
                if mail.body_html:
                    message.attach_alternative(mail.body_html, "text/html")
                message.send()
            except Exception as exc:  # any failure of the mail server: keep the row and retry later
                mail.sent_at = None  # the claim counted the attempt
                mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                mail.next_attempt_at = now + _backoff(mail.attempts)
                mail.save(update_fields=["sent_at", "last_error", "next_attempt_at"])
                logger.warning(
                    "Helpdesk mail %s to %s failed (attempt %s): %s", mail.pk, mail.to_address, mail.attempts, exc
                )
                failed += 1
                connection = None
            else:
                sent += 1
    return sent, failed
