"""Every state change of the policies app, one function each.

Each function is keyword-only, runs in one transaction, locks the rows it changes, checks the
transition tables in `policies.models` and the actor's role, writes an event row, and sends
mail only after the transaction commits, in each recipient's language. Views, admin actions
and the `policies_remind` command all call these; nothing else changes a status.
"""

from .acknowledgements import (
    acknowledgement_accept,
    acknowledgement_record_paper,
    acknowledgement_remind_outstanding,
)
from .common import add_months, document_refresh_search, mail_suppressed, portal_url
from .exceptions import exception_approve, exception_reject, exception_request, exception_revoke
from .reviews import document_review_record
from .versions import (
    VERSION_TEXT_FIELDS,
    version_approve,
    version_attach_pdf,
    version_create,
    version_publish,
    version_return,
    version_submit,
    version_update,
)

__all__ = [
    "VERSION_TEXT_FIELDS",
    "acknowledgement_accept",
    "acknowledgement_record_paper",
    "acknowledgement_remind_outstanding",
    "add_months",
    "document_refresh_search",
    "document_review_record",
    "exception_approve",
    "exception_reject",
    "exception_request",
    "exception_revoke",
    "mail_suppressed",
    "portal_url",
    "version_approve",
    "version_attach_pdf",
    "version_create",
    "version_publish",
    "version_return",
    "version_submit",
    "version_update",
]
