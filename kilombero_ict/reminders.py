"""One daily reminder e-mail per person, gathering what every app says needs them.

An app contributes `reminders(today) -> iterable of (user_id, Reminder)` in `<app>/reminders.py`,
computed for everybody at once (a fixed number of queries). `digest_send(today=...)` groups the
items per person, writes each person one e-mail in their language, and records a
`ReminderDigest` so that a second run on the same day sends nothing. People with nothing
pending get nothing. A failed send is logged and left unrecorded, so the next run retries it.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import ReminderDigest, User, localized
from .providers import app_functions

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Localized:
    """A Swahili/English pair for a Reminder's params, rendered in the recipient's language."""

    sw: str
    en: str = ""

    def __str__(self):
        return localized(self, "text")

    @property
    def text_sw(self):
        return self.sw

    @property
    def text_en(self):
        return self.en


@dataclass(frozen=True)
class Reminder:
    """One thing that needs a person. `message` is a lazy msgid with %(name)s params, rendered per recipient."""

    key: str
    section: str
    message: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    url_name: str = ""
    url_kwargs: dict = field(default_factory=dict, hash=False, compare=False)
    order: int = 100

    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    def url(self) -> str:
        if not self.url_name:
            return ""
        return settings.PORTAL_URL.rstrip("/") + reverse(self.url_name, kwargs=self.url_kwargs or None)


def _providers():
    return app_functions("reminders", "reminders")


def collect(today) -> dict[int, list[Reminder]]:
    """Everyone's pending reminders, by user id, without duplicates."""
    per_user: dict[int, dict[str, Reminder]] = defaultdict(dict)
    for provider in _providers():
        for user_id, item in provider(today):
            per_user[user_id].setdefault(item.key, item)
    return {
        uid: sorted(items.values(), key=lambda r: (r.order, str(r.section), r.key)) for uid, items in per_user.items()
    }


def digest_send(*, today, dry_run: bool = False) -> dict:
    """Send today's digests; return counts {"sent", "skipped_already", "failed", "without_email"}."""
    counts = {"sent": 0, "skipped_already": 0, "failed": 0, "without_email": 0}
    pending = collect(today)
    already = set(ReminderDigest.objects.filter(day=today, user_id__in=pending).values_list("user_id", flat=True))
    users = User.objects.in_bulk([uid for uid in pending if uid not in already])
    counts["skipped_already"] = len(already)
    for user_id, items in pending.items():
        user = users.get(user_id)
        if user is None:
            continue
        if not user.is_active or not user.email:
            counts["without_email"] += 1
            continue
        if dry_run:
            counts["sent"] += 1
            continue
        try:
            _send_one(user, items, today)
        except IntegrityError:
            counts["skipped_already"] += 1  # another run recorded it first
        except Exception:
            logger.exception("Reminder digest for %s was not sent", user.username)
            counts["failed"] += 1
        else:
            counts["sent"] += 1
    return counts


def _send_one(user, items, today):
    with translation.override(user.preferred_language):
        sections = defaultdict(list)
        for item in items:
            sections[str(item.section)].append({"text": item.text(), "url": item.url()})
        context = {"user": user, "sections": dict(sections), "today": today, "portal_url": settings.PORTAL_URL}
        subject = render_to_string("kilombero_ict/email/reminders_subject.txt", context).strip()
        body = render_to_string("kilombero_ict/email/reminders.txt", context)
    with transaction.atomic():
        ReminderDigest.objects.create(user=user, day=today, item_keys=[item.key for item in items])
        EmailMessage(subject, body, to=[user.email]).send()
