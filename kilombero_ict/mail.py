"""Mail that never breaks an action: a message the mail server refuses is kept and sent again later.

Every app sends through Django's mail API after its transaction commits. The portal's EMAIL_BACKEND is
`ResilientEmailBackend`: it hands each message to the real backend (EMAIL_DELIVERY_BACKEND, from
EMAIL_URL); when that fails (server down, refused, timeout) the message is stored as a `QueuedMail` row
and the person's action still succeeds. `manage.py send_queued_mail` (cron, every few minutes) retries
the stored messages with a growing pause and gives up after `MAX_ATTEMPTS`, leaving the row for the
ICT officer to see in the admin.
"""

import base64
import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def _delivery_backend(**kwargs):
    return get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False, **kwargs)


def serialise(message) -> dict:
    """The parts of an EmailMessage needed to build it again, as JSON-friendly data."""
    attachments = []
    for item in message.attachments:
        if isinstance(item, tuple):
            filename, content, mimetype = item
            raw = content.encode() if isinstance(content, str) else bytes(content)
            attachments.append([filename, base64.b64encode(raw).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def rebuild(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class ResilientEmailBackend(BaseEmailBackend):
    """Send through the real backend; keep what it refuses for `send_queued_mail` to try again."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.kwargs = kwargs

    def send_messages(self, email_messages):
        accepted = 0
        if not email_messages:
            return 0
        try:
            backend = _delivery_backend(**self.kwargs)
            backend.open()
        except Exception as exc:
            return self._queue_all(email_messages, exc)
        try:
            for message in email_messages:
                try:
                    accepted += backend.send_messages([message]) or 0
                except Exception as exc:
                    accepted += self._queue(message, exc)
        finally:
            try:
                backend.close()
            except Exception:
                logger.debug("closing the mail connection failed", exc_info=True)
        return accepted

    def _queue_all(self, messages, exc):
        return sum(self._queue(message, exc) for message in messages)

    def _queue(self, message, exc) -> int:
        from .models import QueuedMail

        logger.warning("Mail to %s not sent now (%s); kept for a later try.", ", ".join(message.to), exc)
        try:
            QueuedMail.objects.create(
                data=serialise(message),
                recipients=", ".join(message.recipients())[:1000],
                subject=str(message.subject)[:300],
                last_error=str(exc)[:1000],
                attempts=1,
                next_attempt_at=timezone.now() + retry_delay(1),
            )
        except DatabaseError:
            logger.exception("Mail to %s could not be kept for a later try.", ", ".join(message.to))
            if not self.fail_silently:
                raise
            return 0
        return 1


def retry_delay(attempts: int) -> dt.timedelta:
    """5 minutes after the first failure, doubling, at most 6 hours."""
    return dt.timedelta(minutes=min(5 * 2 ** (attempts - 1), 360))


def queued_mail_send(*, now=None, limit: int = 200) -> dict:
    """Try the stored messages that are due; remove the sent ones. Returns {"sent", "failed", "given_up"}."""
    from .models import QueuedMail

    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "given_up": 0}
    due = list(
        QueuedMail.objects.filter(next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS).order_by("created_at")[:limit]
    )
    if not due:
        return counts
    backend = _delivery_backend()
    for row in due:
        with transaction.atomic():
            locked = QueuedMail.objects.select_for_update(skip_locked=True).filter(pk=row.pk).first()
            if locked is None:
                continue
            try:
                backend.send_messages([rebuild(locked.data)])
            except Exception as exc:
                locked.attempts += 1
                locked.last_error = str(exc)[:1000]
                locked.next_attempt_at = now + retry_delay(locked.attempts)
                locked.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                counts["failed"] += 1
                if locked.attempts >= MAX_ATTEMPTS:
                    counts["given_up"] += 1
            else:
                locked.delete()
                counts["sent"] += 1
    return counts
