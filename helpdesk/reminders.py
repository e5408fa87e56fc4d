"""The helpdesk's items for the shared daily reminder digest (`kilombero_ict.reminders`).

`reminders(today)` yields (user id, Reminder) for everybody at once, in a fixed number of queries:
requesters whose ticket waits for their answer or for their confirmation, assignees (and the ICT
officers) of open tickets past their SLA, and ICT staff for new tickets nobody has taken yet.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role

from .models import Status, Ticket
from .selectors import queue_filter, sla_filter

SECTION_MINE = _("Your support requests")
SECTION_QUEUE = _("Support queue")


def _ict_staff(*roles) -> list[int]:
    return list(
        User.objects.filter(is_active=True, groups__name__in=[ROLE_GROUPS[r] for r in roles])
        .values_list("pk", flat=True)
        .distinct()
    )


def reminders(today: dt.date):
    from kilombero_ict.reminders import Reminder

    now = timezone.now()
    waiting = Ticket.objects.filter(status__in=[Status.WAITING, Status.RESOLVED]).only(
        "pk", "reference", "subject", "status", "requester_id"
    )
    for ticket in waiting:
        message = (
            _("%(reference)s waits for your answer: %(subject)s")
            if ticket.status == Status.WAITING
            else _("Confirm that %(reference)s is solved, or reopen it: %(subject)s")
        )
        yield (
            ticket.requester_id,
            Reminder(
                key=f"helpdesk:{ticket.status}:{ticket.pk}",
                section=SECTION_MINE,
                message=message,
                params={"reference": ticket.reference, "subject": ticket.subject},
                url_name="helpdesk:detail",
                url_kwargs={"ref": ticket.reference},
                order=10,
            ),
        )

    officers = _ict_staff(Role.ICT_OFFICER)
    breached = Ticket.objects.filter(sla_filter("breached", now)).only("pk", "reference", "subject", "assignee_id")
    for ticket in breached:
        item = Reminder(
            key=f"helpdesk:breached:{ticket.pk}",
            section=SECTION_QUEUE,
            message=_("%(reference)s has passed its SLA: %(subject)s"),
            params={"reference": ticket.reference, "subject": ticket.subject},
            url_name="helpdesk:detail",
            url_kwargs={"ref": ticket.reference},
            order=15,
        )
        for user_id in {ticket.assignee_id, *officers} - {None}:
            yield user_id, item

    ict = _ict_staff(Role.TECHNICIAN, Role.ICT_OFFICER)
    unassigned = Ticket.objects.filter(queue_filter("unassigned", None, now)).only("pk", "reference", "subject")
    for ticket in unassigned:
        item = Reminder(
            key=f"helpdesk:unassigned:{ticket.pk}",
            section=SECTION_QUEUE,
            message=_("%(reference)s waits for someone to take it: %(subject)s"),
            params={"reference": ticket.reference, "subject": ticket.subject},
            url_name="helpdesk:detail",
            url_kwargs={"ref": ticket.reference},
            order=16,
        )
        for user_id in ict:
            yield user_id, item
