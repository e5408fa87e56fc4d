"""The risk register's items for the shared daily reminder digest (`kilombero_ict.reminders`).

`reminders(today)` yields (user id, Reminder), in two queries whatever the register's size:
risk owners whose review is overdue or due within 7 days (the ICT officers also hear of overdue
ones), and owners of open treatment actions due within 7 days or overdue.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role

from .models import Risk, RiskAction
from .models.register import Status
from .models.treatment import OPEN_ACTION_STATUSES

SECTION = _("Risk register")
SOON_DAYS = 7


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def reminders(today: dt.date):
    from kilombero_ict.reminders import Localized, Reminder

    horizon = today + dt.timedelta(days=SOON_DAYS)
    officers = list(
        User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.ICT_OFFICER])
        .values_list("pk", flat=True)
        .distinct()
    )
    reviews = (
        Risk.objects.exclude(status=Status.CLOSED)
        .filter(next_review_on__lte=horizon)
        .only("pk", "reference", "title_sw", "title_en", "owner_id", "next_review_on")
    )
    for risk in reviews:
        overdue = risk.next_review_on < today
        item = Reminder(
            key=f"risk:review:{risk.pk}:{risk.next_review_on.isoformat()}",
            section=SECTION,
            message=(
                _("The review of %(reference)s (%(title)s) was due on %(date)s.")
                if overdue
                else _("The review of %(reference)s (%(title)s) is due on %(date)s.")
            ),
            params={
                "reference": risk.reference,
                "title": Localized(risk.title_sw, risk.title_en),
                "date": _day(risk.next_review_on),
            },
            url_name="risk:detail",
            url_kwargs={"reference": risk.reference},
            order=40,
        )
        for user_id in {risk.owner_id, *(officers if overdue else [])} - {None}:
            yield user_id, item

    actions = (
        RiskAction.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lte=horizon)
        .select_related("risk")
        .only("pk", "number", "title_sw", "title_en", "owner_id", "due_on", "risk__reference")
    )
    for action in actions:
        yield (
            action.owner_id,
            Reminder(
                key=f"risk:action:{action.pk}:{action.due_on.isoformat()}",
                section=SECTION,
                message=(
                    _("Action %(number)s on %(reference)s (%(title)s) was due on %(date)s.")
                    if action.due_on < today
                    else _("Action %(number)s on %(reference)s (%(title)s) is due on %(date)s.")
                ),
                params={
                    "number": action.number,
                    "reference": action.risk.reference,
                    "title": Localized(action.title_sw, action.title_en),
                    "date": _day(action.due_on),
                },
                url_name="risk:detail",
                url_kwargs={"reference": action.risk.reference},
                order=41,
            ),
        )
