"""The policies app's items for the shared daily reminder digest (`kilombero_ict.reminders`).

`reminders(today)` yields (user id, Reminder): every staff member who has not accepted a document
in force that they must accept (with its deadline when there is one), and the ICT officers for each
document past its review date or due for review within 30 days. A handful of queries, one per
document staff must accept, whatever the number of people.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role

from .selectors import documents_due_for_review, outstanding_by_person

SECTION = _("Policies")


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def reminders(today: dt.date):
    from kilombero_ict.reminders import Localized, Reminder

    for user_id, versions in outstanding_by_person().items():
        for version in versions:
            baseline = version.acceptance_baseline or version
            deadline = baseline.acceptance_deadline
            params = {
                "title": Localized(version.document.title_sw, version.document.title_en),
                "number": version.number,
            }
            if deadline:
                params["date"] = _day(deadline)
                message = (
                    _("Read and accept %(title)s (version %(number)s): the deadline was %(date)s.")
                    if deadline < today
                    else _("Read and accept %(title)s (version %(number)s) by %(date)s.")
                )
            else:
                message = _("Read and accept %(title)s (version %(number)s).")
            yield (
                user_id,
                Reminder(
                    key=f"policies:accept:{version.pk}",
                    section=SECTION,
                    message=message,
                    params=params,
                    url_name="policies:detail",
                    url_kwargs={"slug": version.document.slug},
                    order=5,
                ),
            )

    officers = list(
        User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.ICT_OFFICER])
        .values_list("pk", flat=True)
        .distinct()
    )
    if not officers:
        return
    for document in documents_due_for_review(today=today):
        item = Reminder(
            key=f"policies:review:{document.pk}:{document.next_review_date.isoformat()}",
            section=SECTION,
            message=(
                _("%(title)s was due for review on %(date)s.")
                if document.next_review_date < today
                else _("%(title)s is due for review on %(date)s.")
            ),
            params={
                "title": Localized(document.title_sw, document.title_en),
                "date": _day(document.next_review_date),
            },
            url_name="policies:reviews",
            order=70,
        )
        for user_id in officers:
            yield user_id, item
