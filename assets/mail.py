"""E-mail from the register: rendered in the recipient's language and sent only after the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from kilombero_ict.models import OrganisationProfile

logger = logging.getLogger(__name__)


def portal_base_url() -> str:
    """The portal's public address for links in e-mails (mail is also sent by cron, with no request to ask).

    `PORTAL_URL` when the settings have it, else the first trusted origin, else '' (the mail then
    names the page instead of linking to it).
    """
    configured = getattr(settings, "PORTAL_URL", "") or ""
    if configured:
        return configured.rstrip("/")
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or []
    return origins[0].rstrip("/") if origins else ""


def send_to_person(user, *, subject: str, template: str, context: dict) -> bool:
    """Queue a mail to `user` from `assets/email/<template>.txt` and `.html`, sent when the transaction commits.

    `subject` is a lazy translatable string with %-placeholders filled from `context`. The text part
    is plain text; the HTML part is rendered with autoescaping, so nothing a person typed can
    become markup. Returns False (and queues nothing) when the person has no address or is inactive.
    """
    return send_to_people([user], subject=subject, template=template, context=context) == 1


def send_to_people(people, *, subject: str, template: str, context: dict) -> int:
    """`send_to_person` for several people at once: one mail each, the organisation read once for all.

    Returns how many mails were queued (people without an address or inactive get none).
    """
    recipients = [user for user in people if user is not None and user.email and user.is_active]
    if not recipients:
        return 0

    def send():
        org = OrganisationProfile.current()
        for user in recipients:
            _send_one(user, org=org, subject=subject, template=template, context=context)

    transaction.on_commit(send)
    return len(recipients)


def _send_one(user, *, org, subject, template: str, context: dict) -> None:
    recipient = user.email
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        data = {**context, "person": user, "org": org, "portal_url": portal_base_url()}
        text = render_to_string(f"assets/email/{template}.txt", data)
        html = render_to_string(f"assets/email/{template}.html", data)
        message = EmailMultiAlternatives(subject=" ".join(str(subject % context).split()), body=text, to=[recipient])
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError:
        logger.exception("Could not send %s mail to %s", template, recipient)
