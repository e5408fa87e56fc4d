"""Risks, actions and acceptances for the risk register's tests, made through the app's services.

Going through the services keeps every row in a state the portal could have produced (events,
levels, next review dates), so tests never meet a risk that the register itself could not make.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from risk import services
from risk.matrix import Rating
from risk.models import RiskCategory

DEFAULT_RATINGS = ((4, 4), (3, 4), (2, 3))


def details(*, owner, title_sw="Hatari ya majaribio", title_en="A test risk", category="information-security", **extra):
    values = {
        "title_sw": title_sw,
        "title_en": title_en,
        "cause_sw": "Sababu",
        "cause_en": "A cause",
        "event_sw": "Tukio",
        "event_en": "An event",
        "consequence_sw": "Matokeo",
        "consequence_en": "A consequence",
        "category": RiskCategory.objects.get(code=category),
        "department": None,
        "owner": owner,
    }
    values.update(extra)
    return services.RiskDetails(**values)


def make_risk(*, by, owner=None, ratings=DEFAULT_RATINGS, identified_on=None, justification="", **extra):
    """A risk recorded by `by` (ICT staff); rated unless `ratings` is None."""
    inherent = current = target = None
    if ratings is not None:
        inherent, current = Rating(*ratings[0]), Rating(*ratings[1])
        target = Rating(*ratings[2]) if ratings[2] else None
    return services.risk_create(
        by=by,
        details=details(owner=owner or by, **extra),
        identified_on=identified_on,
        inherent=inherent,
        current=current,
        target=target,
        target_justification=justification,
    )


def make_action(
    *, risk, by, owner=None, due_on=None, cost=None, title_sw="Hatua ya majaribio", title_en="A test action"
):
    return services.action_create(
        risk=risk,
        by=by,
        title_sw=title_sw,
        title_en=title_en,
        owner=owner or by,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=30),
        cost=Decimal(cost) if cost is not None else None,
    )


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)
