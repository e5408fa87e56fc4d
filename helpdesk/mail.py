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


def send_pending(*, ids=None, now: dt.datetime | None = None, limit: int = 200) -> tuple[int, int]:
    """Send stored mails that are due (all due ones, or just `ids`); returns (sent, failed).

    Each row is locked while it is sent (`skip_locked`), so two cron runs never send one mail twice.
    """
    now = now or timezone.now()
    due = OutboundMail.objects.filter(
        sent_at__isnull=True, attempts__lt=OutboundMail.MAX_ATTEMPTS, next_attempt_at__lte=now
    )
    if ids is not None:
        # The mails just queued: no need to look for them first, the locked read below checks they are still due.
        candidates = list(ids)[:limit]
    else:
        candidates = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    connection = None
    for pk in candidates:
        with transaction.atomic():
            mail = due.select_for_update(skip_locked=True).filter(pk=pk).first()
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
                mail.attempts += 1
                mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                mail.next_attempt_at = now + _backoff(mail.attempts)
                mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                logger.warning(
                    "Helpdesk mail %s to %s failed (attempt %s): %s", mail.pk, mail.to_address, mail.attempts, exc
                )
                failed += 1
                connection = None
            else:
                mail.attempts += 1
                mail.sent_at = timezone.now()
                mail.last_error = ""
                mail.save(update_fields=["attempts", "sent_at", "last_error"])
                sent += 1
    return sent, failed
