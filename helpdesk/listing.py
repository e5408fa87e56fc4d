"""The rows of the ticket list, read as plain values and written out once.

The list shows 50 tickets a page. Reading them as values (only the columns shown, no model
objects, no description or search vector), working out every label, name, link and date here and
writing each row's cells in one go (every value escaped) costs a fraction of the template engine
doing the same with includes, filters, `{% url %}` and translations per row.
"""

import datetime as dt
from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

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
    html: SafeString
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


def row_html(row: TicketRow, *, ict: bool, words: dict) -> SafeString:
    """The row's `<tr>`, every value escaped (the columns of templates/helpdesk/ticket_list.html)."""
    security = (
        f' <span class="badge hd-security" title="{words["security_title"]}">{words["security"]}</span>'
        if ict and row.is_security_incident
        else ""
    )
    department = f'<div class="small text-body-secondary">{escape(row.department)}</div>' if row.department else ""
    assignee = f"<td>{escape(row.assignee) or '—'}</td>" if ict else ""
    sla = f'<span class="badge hd-sla hd-sla-{row.sla_class}">{escape(row.sla_label)}</span>' if row.sla_label else ""
    due = f'<div class="small text-body-secondary">{words["due"]} {row.due}</div>' if row.due else ""
    return SafeString(
        f'<tr><td class="text-nowrap"><a href="{escape(row.url)}">{escape(row.reference)}</a>{security}</td>'
        f'<td class="hd-subject">{escape(row.subject)}</td>'
        f"<td>{escape(row.requester)}{department}</td>"
        f"<td>{escape(row.category)}</td>"
        f'<td><span class="badge hd-priority hd-priority-{row.priority}">{escape(row.priority_label)}</span></td>'
        f'<td><span class="badge badge-status hd-status hd-status-{escape(row.status)}">'
        f"{escape(row.status_label)}</span></td>"
        f'{assignee}<td class="text-nowrap">{sla}{due}</td>'
        f'<td class="text-nowrap small">{row.filed}</td></tr>'
    )


def ticket_rows(values, *, now: dt.datetime, ict: bool = False) -> list[tuple[TicketRow, str]]:
    """(row, SLA state) for each dict of `COLUMNS`, in the active language; `ict` adds the ICT columns."""
    words = {
        "due": escape(gettext("due")),
        "security": escape(gettext("Security")),
        "security_title": escape(gettext("Security incident")),
    }
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
            html=SafeString(""),
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
        row.html = row_html(row, ict=ict, words=words)
        rows.append((row, row.sla))
    return rows
