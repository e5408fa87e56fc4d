"""Policy documents, their versions, the acknowledgements staff give, exceptions and reviews.

A `PolicyDocument` (the ICT Policy, the acceptable-use circular) carries what stays the same
from version to version: titles, slug, kind, owner, audience, review cycle and whether staff
must accept it. Each `PolicyVersion` carries the text (Markdown in Swahili and English, stored
with its sanitised HTML) and walks draft -> in review -> approved -> published -> superseded.
Every status change goes through `policies.services` and leaves a `PolicyVersionEvent`.

An `Acknowledgement` is one person's acceptance of one version, online or on paper. A version
that is not material does not ask people to accept again: its `acceptance_baseline` points to
the last material version, and any acceptance from that version on counts.
"""

from .acknowledgements import Acknowledgement, AcknowledgementMethod, AcknowledgementReminder
from .documents import (
    READABLE_STATUSES,
    RESERVED_SLUGS,
    VERSION_TRANSITIONS,
    Audience,
    DocumentKind,
    PolicyDocument,
    PolicyVersion,
    PolicyVersionEvent,
    VersionStatus,
    validate_slug_not_reserved,
)
from .exceptions import (
    EXCEPTION_TRANSITIONS,
    MAX_EXCEPTION_DAYS,
    ExceptionStatus,
    PolicyException,
    PolicyExceptionEvent,
)
from .reviews import PolicyReview, ReviewOutcome

__all__ = [
    "EXCEPTION_TRANSITIONS",
    "MAX_EXCEPTION_DAYS",
    "READABLE_STATUSES",
    "RESERVED_SLUGS",
    "VERSION_TRANSITIONS",
    "Acknowledgement",
    "AcknowledgementMethod",
    "AcknowledgementReminder",
    "Audience",
    "DocumentKind",
    "ExceptionStatus",
    "PolicyDocument",
    "PolicyException",
    "PolicyExceptionEvent",
    "PolicyReview",
    "PolicyVersion",
    "PolicyVersionEvent",
    "ReviewOutcome",
    "VersionStatus",
    "validate_slug_not_reserved",
]
