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
    if user is None or not user.email or not user.is_active:
        return False
    recipient = user.email
    language = user.preferred_language or settings.LANGUAGE_CODE

    def send():
        with translation.override(language):
            data = {
                **context,
                "person": user,
                "org": OrganisationProfile.current(),
                "portal_url": portal_base_url(),
            }
            text = render_to_string(f"assets/email/{template}.txt", data)
            html = render_to_string(f"assets/email/{template}.html", data)
            message = EmailMultiAlternatives(
                subject=" ".join(str(subject % context).split()), body=text, to=[recipient]
            )
            message.attach_alternative(html, "text/html")
        try:
            message.send()
        except OSError:
            logger.exception("Could not send %s mail to %s", template, recipient)

    transaction.on_commit(send)
    return True
