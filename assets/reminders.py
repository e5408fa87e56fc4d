"""The register's items for the shared daily reminder digest (`kilombero_ict.reminders`, on main).

`reminders(today)` yields (user id, Reminder) for everybody at once, in a fixed number of queries:
holders of loans overdue or due within two days, people who have not yet accepted a handover of
the last days, and the ICT officers for maintenance due within seven days, licences expiring
within 30 days, warranties ending within 30 days and consumables at or below their reorder level.
It carries the same news as
`manage.py assets_reminders`, which serves until the shared digest is in place.
"""

import datetime as dt

from django.db.models import F, IntegerField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kilombero_ict.models import User
from kilombero_ict.roles import ROLE_GROUPS, Role

from .models import Asset, AssetStatus, ConsumableItem, Handover, MaintenanceSchedule, SoftwareLicence

SECTION_EQUIPMENT = _("Your equipment")
SECTION_REGISTER = _("Asset register")


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def reminders(today: dt.date):
    from kilombero_ict.reminders import Reminder  # the shared digest (see the module docstring)

    loans = Asset.objects.filter(
        status=AssetStatus.DEPLOYED, holder_user__isnull=False, due_back__lte=today + dt.timedelta(days=2)
    ).select_related("model__manufacturer")
    for asset in loans:
        message = (
            _("%(tag)s (%(model)s) was due back on %(date)s: please return it to the ICT unit.")
            if asset.due_back < today
            else _("%(tag)s (%(model)s) is due back on %(date)s.")
        )
        yield (
            asset.holder_user_id,
            Reminder(
                key=f"assets:loan:{asset.pk}",
                section=SECTION_EQUIPMENT,
                message=message,
                params={"tag": asset.tag, "model": str(asset.model), "date": _day(asset.due_back)},
                url_name="assets:mine",
                order=20,
            ),
        )
    waiting = Handover.objects.filter(
        accepted_at__isnull=True, holder_user__isnull=False, handed_at__date__lte=today - dt.timedelta(days=1)
    ).select_related("asset")
    for handover in waiting:
        yield (
            handover.holder_user_id,
            Reminder(
                key=f"assets:handover:{handover.pk}",
                section=SECTION_EQUIPMENT,
                message=_("Confirm that you received %(tag)s (handover %(reference)s)."),
                params={"tag": handover.asset.tag, "reference": handover.reference},
                url_name="assets:mine",
                order=20,
            ),
        )

    officers = list(
        User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[Role.ICT_OFFICER])
        .values_list("pk", flat=True)
        .distinct()
    )
    schedules = (
        MaintenanceSchedule.objects.filter(is_active=True, next_due__lte=today + dt.timedelta(days=7))
        .exclude(asset__status=AssetStatus.DISPOSED)
        .select_related("asset")
    )
    for schedule in schedules:
        item = Reminder(
            key=f"assets:schedule:{schedule.pk}",
            section=SECTION_REGISTER,
            message=_("Maintenance due on %(date)s: %(title)s on %(tag)s."),
            params={"date": _day(schedule.next_due), "title": schedule.title, "tag": schedule.asset.tag},
            url_name="assets:maintenance",
            order=60,
        )
        for user_id in {schedule.responsible_id, *officers} - {None}:
            yield user_id, item
    licences = SoftwareLicence.objects.filter(
        is_active=True, expires_on__isnull=False, expires_on__lte=today + dt.timedelta(days=30)
    )
    for licence in licences:
        item = Reminder(
            key=f"assets:licence:{licence.pk}",
            section=SECTION_REGISTER,
            message=_("The licence %(product)s expires on %(date)s."),
            params={"product": licence.product, "date": _day(licence.expires_on)},
            url_name="assets:licence-detail",
            url_kwargs={"pk": licence.pk},
            order=60,
        )
        for user_id in officers:
            yield user_id, item
    low = (
        ConsumableItem.objects.filter(is_active=True)
        .annotate(balance=Coalesce(Sum("movements__quantity"), Value(0), output_field=IntegerField()))
        .filter(balance__lte=F("reorder_level"))
    )
    for stock in low:
        item = Reminder(
            key=f"assets:stock:{stock.pk}",
            section=SECTION_REGISTER,
            message=_("%(item)s: %(balance)s left, reorder level %(level)s."),
            params={"item": f"{stock.code} {stock.name}", "balance": stock.balance, "level": stock.reorder_level},
            url_name="assets:consumable-detail",
            url_kwargs={"pk": stock.pk},
            order=60,
        )
        for user_id in officers:
            yield user_id, item

    yield from _warranties(today, officers, Reminder)
    yield from requisition_reminders(today)


WARRANTY_DAYS = 30


def _warranties(today: dt.date, officers: list[int], Reminder):
    """Warranties of assets still on the books that end within 30 days: to the ICT officers. One query."""
    if not officers:
        return
    ending = (
        Asset.objects.filter(warranty_end__gte=today, warranty_end__lte=today + dt.timedelta(days=WARRANTY_DAYS))
        .exclude(status=AssetStatus.DISPOSED)
        .only("pk", "tag", "name", "warranty_end")
    )
    for asset in ending:
        item = Reminder(
            key=f"assets:warranty:{asset.pk}:{asset.warranty_end.isoformat()}",
            section=SECTION_REGISTER,
            message=_("The warranty of %(tag)s (%(name)s) ends on %(date)s."),
            params={"tag": asset.tag, "name": asset.name, "date": _day(asset.warranty_end)},
            url_name="assets:detail",
            url_kwargs={"pk": asset.pk},
            order=60,
        )
        for user_id in officers:
            yield user_id, item


SECTION_PROCUREMENT = _("Procurement")


def requisition_reminders(today: dt.date):
    """Each requisition waiting for a decision, to the people who decide at its step (four queries)."""
    from kilombero_ict.reminders import Reminder

    from .models import Requisition, RequisitionStatus

    waiting = list(
        Requisition.objects.filter(
            status__in=[RequisitionStatus.SUBMITTED, RequisitionStatus.ENDORSED, RequisitionStatus.REVIEWED]
        ).only("pk", "reference", "status", "department_id", "requested_by_id", "created_at")
    )
    if not waiting:
        return

    def holders(role):
        return User.objects.filter(is_active=True, groups__name=ROLE_GROUPS[role]).distinct()

    heads: dict[int, set[int]] = {}
    for user_id, department_id in holders(Role.HOD).values_list("pk", "department_id"):
        heads.setdefault(department_id, set()).add(user_id)
    officers = set(holders(Role.ICT_OFFICER).values_list("pk", flat=True))
    managers = set(holders(Role.MANAGEMENT).values_list("pk", flat=True))
    messages = {
        RequisitionStatus.SUBMITTED: _("Requisition %(ref)s waits for your endorsement."),
        RequisitionStatus.ENDORSED: _("Requisition %(ref)s waits for the ICT technical review."),
        RequisitionStatus.REVIEWED: _("Requisition %(ref)s waits for your approval."),
    }
    for requisition in waiting:
        if requisition.status == RequisitionStatus.SUBMITTED:
            deciders = heads.get(requisition.department_id, set())
        elif requisition.status == RequisitionStatus.ENDORSED:
            deciders = officers
        else:
            deciders = managers
        item = Reminder(
            key=f"assets:requisition:{requisition.pk}:{requisition.status}",
            section=SECTION_PROCUREMENT,
            message=messages[requisition.status],
            params={"ref": requisition.reference},
            url_name="procurement:requisition",
            url_kwargs={"ref": requisition.reference},
            order=30,
        )
        for user_id in deciders - {requisition.requested_by_id}:
            yield user_id, item
