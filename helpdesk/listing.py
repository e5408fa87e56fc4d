"""The rows of the ticket list, read as plain values and turned into display strings once.

The list shows 50 tickets a page. Reading them as values (only the columns shown, no model
objects, no description or search vector) and working out every label, name, link and date here
keeps the template to plain variables: no include, filter, `{% url %}` or translation per row.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from .forms import SLA_STATES
from .models import OPEN_STATUSES, Priority, Status
from .models.tickets import sla_state_of

# Exactly what a row shows (and what its SLA state needs).
COLUMNS = (
    "pk",
    "reference",
    "subject",
    "is_security_incident",
    "priority",
    "status",
    "created_at",
    "first_response_at",
    "first_response_due",
    "response_at_risk_at",
    "resolution_due",
    "resolution_at_risk_at",
    "response_breached",
    "resolution_breached",
    "requester__username",
    "requester__first_name",
    "requester__last_name",
    "department__name_sw",
    "department__name_en",
    "category__name_sw",
    "category__name_en",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
)

_URL_PLACEHOLDER = "T-0000-00000"


@dataclass(slots=True)
class TicketRow:
    """One line of the list, every value ready to print (the template escapes them)."""

    pk: int
    reference: str
    url: str
    subject: str
    is_security_incident: bool
    requester: str
    department: str
    category: str
    priority: int
    priority_label: str
    status: str
    status_label: str
    assignee: str
    sla: str
    sla_label: str
    sla_class: str
    due: str
    filed: str
    # The SLA fields, as `sla_state_of` reads them.
    first_response_at: dt.datetime | None
    first_response_due: dt.datetime
    response_at_risk_at: dt.datetime
    resolution_due: dt.datetime
    resolution_at_risk_at: dt.datetime
    response_breached: bool
    resolution_breached: bool


def _name(first: str | None, last: str | None, username: str | None) -> str:
    """What `User.get_full_name() or username` gives, from the three columns."""
    full = f"{first or ''} {last or ''}".strip()
    return full or (username or "")


def _local(sw: str | None, en: str | None, english: bool) -> str:
    sw, en = sw or "", en or ""
    return (en or sw) if english else (sw or en)


def ticket_rows(values, *, now: dt.datetime) -> list[tuple[TicketRow, str]]:
    """(row, SLA state) for each dict of `COLUMNS`, in the active language."""
    english = (get_language() or "sw").startswith("en")
    detail = reverse("helpdesk:detail", kwargs={"ref": _URL_PLACEHOLDER})
    head, _, tail = detail.partition(_URL_PLACEHOLDER)
    status_labels = {key: str(label) for key, label in Status.choices}
    priority_labels = {key: str(label) for key, label in Priority.choices}
    sla_labels = {key: str(label) for key, label in SLA_STATES}
    zone = timezone.get_current_timezone()
    rows = []
    for v in values:
        status = v["status"]
        created = v["created_at"].astimezone(zone)
        row = TicketRow(
            pk=v["pk"],
            reference=v["reference"],
            url=f"{head}{v['reference']}{tail}",
            subject=v["subject"],
            is_security_incident=v["is_security_incident"],
            requester=_name(v["requester__first_name"], v["requester__last_name"], v["requester__username"]),
            department=_local(v["department__name_sw"], v["department__name_en"], english),
            category=_local(v["category__name_sw"], v["category__name_en"], english),
            priority=v["priority"],
            priority_label=priority_labels.get(v["priority"], ""),
            status=status,
            status_label=status_labels.get(status, status),
            assignee=_name(v["assignee__first_name"], v["assignee__last_name"], v["assignee__username"]),
            sla="",
            sla_label="",
            sla_class="",
            due=v["resolution_due"].astimezone(zone).strftime("%d/%m %H:%M") if status in OPEN_STATUSES else "",
            filed=created.strftime("%d/%m/%Y %H:%M"),
            first_response_at=v["first_response_at"],
            first_response_due=v["first_response_due"],
            response_at_risk_at=v["response_at_risk_at"],
            resolution_due=v["resolution_due"],
            resolution_at_risk_at=v["resolution_at_risk_at"],
            response_breached=v["response_breached"],
            resolution_breached=v["resolution_breached"],
        )
        row.sla = sla_state_of(row, now)
        row.sla_label = sla_labels.get(row.sla, "")
        row.sla_class = row.sla.replace("_", "-")
        rows.append((row, row.sla))
    return rows
