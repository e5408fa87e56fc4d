"""Models of the helpdesk: tickets and their timeline, SLA targets, the knowledge base, outgoing mail."""

from .knowledge import Article, ArticleFeedback, Deflection
from .mail import OutboundMail
from .tickets import (
    CLOCK_RUNNING,
    OPEN_STATUSES,
    PRIORITY_MATRIX,
    TRANSITIONS,
    CannedResponse,
    Category,
    Impact,
    Priority,
    SLATarget,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketRating,
    TicketReply,
    Urgency,
    priority_for,
)

__all__ = [
    "CLOCK_RUNNING",
    "OPEN_STATUSES",
    "PRIORITY_MATRIX",
    "TRANSITIONS",
    "Article",
    "ArticleFeedback",
    "CannedResponse",
    "Category",
    "Deflection",
    "Impact",
    "OutboundMail",
    "Priority",
    "SLATarget",
    "Status",
    "Ticket",
    "TicketAttachment",
    "TicketEvent",
    "TicketRating",
    "TicketReply",
    "Urgency",
    "priority_for",
]
