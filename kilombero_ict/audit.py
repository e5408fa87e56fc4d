"""The audit trail: who signed in, who failed, who was locked out, who downloaded what, whose rights changed.

Sign-in events come from Django's and django-axes' signals (recording them is the whole reaction,
no workflow hangs on it); downloads are caught by `AuditDownloadsMiddleware`, so every CSV, XLSX
or file an app serves as an attachment is logged without the app doing anything.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import DatabaseError, models
from django.dispatch import receiver

from .models import AuditEvent, User
from .security import client_ip

logger = logging.getLogger(__name__)


def record(*, action: str, request=None, user=None, username: str = "", detail: str = "") -> None:
    """Write one audit event; a failure to write is logged and never breaks the person's request."""
    ip = client_ip(request) if request is not None else None
    try:
        AuditEvent.objects.create(
            action=action,
            actor=user if user is not None and user.is_authenticated else None,
            username=(username or (user.get_username() if user is not None and user.is_authenticated else ""))[:150],
            ip_address=ip or None,
            path=(request.get_full_path() if request is not None else "")[:500],
            detail=detail[:500],
        )
    except DatabaseError:
        logger.exception("Could not write the audit event %s", action)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(action=AuditEvent.Action.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(action=AuditEvent.Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(action=AuditEvent.Action.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


def _locked_out(sender, request, username, ip_address, **kwargs):
    record(action=AuditEvent.Action.LOCKOUT, request=request, username=str(username or ""))


def _roles_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    verb = {"post_add": "+", "post_remove": "-", "post_clear": "cleared"}[action]
    names = ", ".join(str(obj) for obj in model.objects.filter(pk__in=pk_set or [])) if pk_set else ""
    record(
        action=AuditEvent.Action.ROLES_CHANGED,
        username=str(instance),
        detail=f"{sender._meta.label}: {verb} {names}".strip(),
    )


def connect():
    """Wire the receivers that need other apps loaded (called from the app config's ready())."""
    from axes.signals import user_locked_out
    from django.contrib.auth.models import Group

    user_locked_out.connect(_locked_out, dispatch_uid="kilombero_audit_lockout")
    models.signals.m2m_changed.connect(
        _roles_changed, sender=User.groups.through, dispatch_uid="kilombero_audit_groups"
    )
    models.signals.m2m_changed.connect(
        _roles_changed, sender=User.user_permissions.through, dispatch_uid="kilombero_audit_user_perms"
    )
    models.signals.m2m_changed.connect(
        _roles_changed, sender=Group.permissions.through, dispatch_uid="kilombero_audit_group_perms"
    )


class AuditDownloadsMiddleware:
    """Record every attachment (export, report, uploaded file) served to a signed-in person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        if disposition.startswith("attachment") and user is not None and user.is_authenticated:
            record(action=AuditEvent.Action.DOWNLOAD, request=request, user=user, detail=disposition)
        return response
