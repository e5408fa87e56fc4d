"""One result per form submission, however often the form is sent.

Forms that create something carry `{% submission_key %}` (a hidden random key, made when the form is
shown). The view wraps its service call in `once(key=..., user=..., create=...)`: the first submission
runs `create` and records the key with the row it made; a repeated submission with the same key (a
double click, back-and-resend, a retry on a slow link) gets that same row back, and nothing is created
twice. Two submissions racing each other queue on the key's unique index, so the second waits for the
first and then finds its result.
"""

import uuid
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SubmissionKey


def parse_key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except (ValueError, AttributeError, TypeError):
        return None


def once(*, key, user, create: Callable):
    """Run `create()` for the first submission carrying `key`; return (row, created)."""
    key = parse_key(key)
    if key is None:
        return create(), True
    with transaction.atomic():
        record_id = _claim(key, user)
        if record_id is None:
            record = SubmissionKey.objects.select_for_update().get(key=key)
            if record.user_id != user.pk or record.target_type is None:
                raise ValidationError(_("This form was already used. Open it again and send it once."))
            model = record.target_type.model_class()
            found = model._default_manager.filter(pk=record.target_id).first()
            if found is None:
                raise ValidationError(_("This form was already used. Open it again and send it once."))
            return found, False
        made = create()
        SubmissionKey.objects.filter(pk=record_id).update(
            target_type=ContentType.objects.get_for_model(made), target_id=str(made.pk)
        )
        return made, True


def _claim(key: uuid.UUID, user) -> int | None:
    """Record `key` as used by `user`; None when it was recorded before (one statement, no savepoint).

    A submission racing another with the same key waits on the key's unique index until the
    other's transaction ends, then finds the key taken.
    """
    table = SubmissionKey._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, user_id, created_at, target_id) VALUES (%s, %s, %s, '') "  # noqa: S608 - our table
            "ON CONFLICT (key) DO NOTHING RETURNING id",
            [str(key), user.pk, timezone.now()],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def new_key() -> str:
    return str(uuid.uuid4())
