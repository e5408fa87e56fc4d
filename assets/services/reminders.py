"""Daily reminders from the register (run by cron through `manage.py assets_reminders`).

People with an overdue loan, or one due in the next two days, get one mail listing those items.
Each ICT officer gets a digest of what needs attention: overdue and due maintenance, licences
expiring within 30 days, consumables at or below their reorder level, overdue loans.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import F, IntegerField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role

from ..mail import send_to_person
from ..models import Asset, AssetStatus, ConsumableItem, MaintenanceSchedule, SoftwareLicence


def reminders_send(*, today: dt.date | None = None) -> dict:
    """Queue the day's reminder mails; returns how many of each kind were queued.

    Reads only; sends after the surrounding transaction commits (at once when there is none).
    """
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=2)
    loans = (
        Asset.objects.filter(status=AssetStatus.DEPLOYED, due_back__lte=soon, holder_user__isnull=False)
        .select_related("holder_user", "model__manufacturer")
        .order_by("due_back", "tag")
    )
    by_person = defaultdict(list)
    for asset in loans:
        by_person[asset.holder_user].append(asset)
    sent_loans = 0
    for person, items in by_person.items():
        if send_to_person(
            person,
            subject=gettext_lazy("Equipment on loan to return"),
            template="loan_reminder",
            context={"items": items, "today": today},
        ):
            sent_loans += 1

    digest = {
        "schedules": list(
            MaintenanceSchedule.objects.filter(is_active=True, next_due__lte=today + dt.timedelta(days=7))
            .exclude(asset__status=AssetStatus.DISPOSED)
            .select_related("asset")
            .order_by("next_due")
        ),
        "licences": list(
            SoftwareLicence.objects.filter(
                is_active=True, expires_on__isnull=False, expires_on__lte=today + dt.timedelta(days=30)
            ).order_by("expires_on")
        ),
        "low_stock": list(
            ConsumableItem.objects.filter(is_active=True)
            .annotate(balance=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField()))
            .filter(balance__lte=F("reorder_level"))
            .order_by("code")
        ),
        "overdue_loans": list(
            Asset.objects.filter(status=AssetStatus.DEPLOYED, due_back__lt=today)
            .select_related("holder_user", "holder_department", "holder_location")
            .order_by("due_back", "tag")
        ),
        "today": today,
    }
    sent_digests = 0
    if any(digest[key] for key in ("schedules", "licences", "low_stock", "overdue_loans")):
        officers = User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.ICT_OFFICER]).distinct()
        for officer in officers:
            if send_to_person(
                officer, subject=gettext_lazy("Asset register: what needs attention"), template="digest", context=digest
            ):
                sent_digests += 1
    return {"loan_reminders": sent_loans, "digests": sent_digests}
