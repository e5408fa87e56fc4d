"""Every state change of the helpdesk, one function each; views, admin actions and commands call these."""

from .jobs import ticket_close_resolved, ticket_escalate_breaches
from .knowledge import (
    article_create,
    article_give_feedback,
    article_publish,
    article_record_deflection,
    article_unpublish,
    article_update,
)
from .tickets import (
    ticket_assign,
    ticket_cancel,
    ticket_confirm,
    ticket_file,
    ticket_flag_security,
    ticket_rate,
    ticket_reopen,
    ticket_reply,
    ticket_resolve,
    ticket_resume,
    ticket_set_asset,
    ticket_set_category,
    ticket_set_priority,
    ticket_start,
)

__all__ = [
    "article_create",
    "article_give_feedback",
    "article_publish",
    "article_record_deflection",
    "article_unpublish",
    "article_update",
    "ticket_assign",
    "ticket_cancel",
    "ticket_close_resolved",
    "ticket_confirm",
    "ticket_escalate_breaches",
    "ticket_file",
    "ticket_flag_security",
    "ticket_rate",
    "ticket_reopen",
    "ticket_reply",
    "ticket_resolve",
    "ticket_resume",
    "ticket_set_asset",
    "ticket_set_category",
    "ticket_set_priority",
    "ticket_start",
]
