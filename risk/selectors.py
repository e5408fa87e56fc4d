"""Reads of the risk register, scoped to the person asking.

ICT staff, Management and the internal auditor see every risk. Anyone else sees the risks they
own and the risks on which they own an action, and nothing else: `*_get_for` raises Http404 for
"missing" and "not yours" alike. Lists run a fixed number of queries whatever the number of rows.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from kilombero_ict.models import User
from kilombero_ict.onequery import Any, Totals, numbers

from .models import Risk, RiskAcceptance, RiskAction
from .models.treatment import OPEN_ACTION_STATUSES, AcceptanceStatus
from .permissions import reads_everything

_CACHE_ATTR = "_risk_register_work"


def has_risk_work(user) -> bool:
    """True when `user` owns a risk or a treatment action (one query, remembered for the request).

    The access table uses it to let ordinary staff who own something into the register's pages.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = _risk_work(user).exists()
        setattr(user, _CACHE_ATTR, cached)
    return cached


def _risk_work(user):
    return Risk.objects.filter(Q(owner=user) | Exists(RiskAction.objects.filter(risk=OuterRef("pk"), owner=user)))


def risks_visible_to(user):
    """Every risk for ICT staff and oversight; otherwise the risks the person owns or acts on."""
    queryset = Risk.objects.all()
    if reads_everything(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(Q(owner=user) | Exists(RiskAction.objects.filter(risk=OuterRef("pk"), owner=user)))


def _action_count(actions) -> Coalesce:
    """How many of `actions` (correlated on the outer risk) there are, as a subquery column."""
    counted = actions.order_by().values("risk").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def register_rows(user):
    """The register's list: related rows joined, open and overdue action counts added, no per-row query.

    The counts are correlated subqueries (one index probe per listed risk) rather than a join with
    GROUP BY over every selected column: that plan aggregated the whole register, wide text columns
    included, before the page's LIMIT could apply, and cost most of its time in planning.
    """
    today = timezone.localdate()
    open_actions = RiskAction.objects.filter(risk=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES)
    return (
        risks_visible_to(user)
        .select_related("category", "department", "owner", "inherent_level", "current_level", "target_level")
        .annotate(
            current_score=F("current_likelihood") * F("current_impact"),
            open_actions=_action_count(open_actions),
            overdue_actions=_action_count(open_actions.filter(due_on__lt=today)),
        )
    )


def risk_get_for(user, reference: str) -> Risk:
    """One risk with everything its page shows on it, or Http404 (missing or not the person's)."""
    risk = (
        risks_visible_to(user)
        .select_related(
            "category",
            "department",
            "owner",
            "created_by",
            "matrix",
            "inherent_level",
            "current_level",
            "target_level",
        )
        .filter(reference=reference)
        .first()
    )
    if risk is None:
        raise Http404
    return risk


def risk_page_rows(risk: Risk) -> dict:
    """The actions, reviews, acceptances and history of a risk, four queries whatever their number."""
    events = list(
        risk.events.select_related("actor", "from_level", "to_level", "action", "acceptance").order_by("-at", "-id")
    )
    by_action = {}
    for event in events:
        event.changed_labels = change_labels(event)
        if event.action_id:
            by_action.setdefault(event.action_id, []).append(event)
    actions = list(risk.actions.select_related("owner").order_by("number"))
    for action in actions:
        action.risk = risk
        action.timeline = by_action.get(action.pk, [])
    reviews = list(risk.reviews.select_related("reviewer", "from_level", "level"))
    linked_assets = list(risk.assets.select_related("model").order_by("tag"))
    linked_incidents = list(risk.incidents.select_related("category").order_by("-created_at"))
    acceptances = list(risk.acceptances.select_related("requested_by", "decided_by", "level"))
    for acceptance in acceptances:
        acceptance.risk = risk
    return {
        "events": events,
        "actions": actions,
        "reviews": reviews,
        "acceptances": acceptances,
        "linked_assets": linked_assets,
        "linked_incidents": linked_incidents,
    }


def change_labels(event) -> list[str]:
    """The names, in the reader's language, of the fields an event changed."""
    model = RiskAction if event.action_id else Risk
    labels = []
    for name in event.changes or {}:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(str(RiskAcceptance._meta.get_field(name).verbose_name) if name == "expires_on" else name)
    return labels


def actions_visible_to(user):
    """Treatment actions of the risks the person may see (and, for others, the actions they own)."""
    queryset = RiskAction.objects.select_related("risk", "owner", "risk__owner")
    if reads_everything(user):
        return queryset
    return queryset.filter(Q(risk__owner=user) | Q(owner=user))


def action_get_for(user, reference: str, number: int) -> RiskAction:
    action = actions_visible_to(user).filter(risk__reference=reference, number=number).first()
    if action is None:
        raise Http404
    return action


def acceptances_visible_to(user):
    queryset = RiskAcceptance.objects.select_related(
        "risk", "risk__owner", "risk__current_level", "requested_by", "decided_by", "level"
    )
    if reads_everything(user):
        return queryset
    return queryset.filter(risk__owner=user)


def acceptance_get_for(user, pk: int) -> RiskAcceptance:
    acceptance = acceptances_visible_to(user).filter(pk=pk).first()
    if acceptance is None:
        raise Http404
    return acceptance


def expired_acceptances(user, *, today=None):
    """Acceptances that have run out: ended by the nightly command, or past expiry and not yet ended."""
    today = today or timezone.localdate()
    return acceptances_visible_to(user).filter(
        Q(status=AcceptanceStatus.EXPIRED) | Q(status=AcceptanceStatus.ACTIVE, expires_on__lt=today)
    )


def owners_of_risks():
    """People who own at least one risk (for the register's owner filter)."""
    return User.objects.filter(Exists(Risk.objects.filter(owner=OuterRef("pk")))).order_by(
        "first_name", "last_name", "username"
    )


def home_counts(user, *, ask_work: bool = False) -> dict:
    """The numbers on the register's home panels for `user`, in one query.

    With `ask_work`, also whether the person owns a risk or an action (`has_risk_work`, answered
    in the same query and remembered for the request) as "has_work".
    """
    today = timezone.localdate()
    open_q = ~Q(status="closed")
    mine = Q(owner=user)
    parts = {
        "risks": Totals(
            Risk.objects.all(),
            reviews_overdue=Count("id", filter=open_q & Q(next_review_on__lt=today), distinct=True),
            my_risks=Count("id", filter=open_q & mine, distinct=True),
            my_reviews_overdue=Count("id", filter=open_q & mine & Q(next_review_on__lt=today), distinct=True),
            pending_acceptances=Count(
                "acceptances", filter=Q(acceptances__status=AcceptanceStatus.PROPOSED), distinct=True
            ),
            expired_acceptances=Count(
                "acceptances",
                filter=Q(acceptances__status=AcceptanceStatus.ACTIVE, acceptances__expires_on__lt=today),
                distinct=True,
            ),
        ),
        "actions": Totals(
            RiskAction.objects.filter(status__in=OPEN_ACTION_STATUSES),
            overdue=Count("id", filter=Q(due_on__lt=today)),
            my_overdue=Count("id", filter=Q(due_on__lt=today, owner=user)),
            my_open=Count("id", filter=Q(owner=user)),
        ),
    }
    if ask_work:
        parts["has_work"] = Any(_risk_work(user))
    found = numbers(**parts)
    counts = {**found["risks"], **{f"actions_{k}": v for k, v in found["actions"].items()}}
    if ask_work:
        counts["has_work"] = found["has_work"]
        setattr(user, _CACHE_ATTR, found["has_work"])
    return counts


def risks_for_asset(user, asset, *, limit: int = 10) -> list[Risk]:
    """The risks linked to `asset` that `user` may see (one query), for the asset page."""
    return list(
        risks_visible_to(user).filter(assets=asset).select_related("current_level").order_by("reference")[:limit]
    )


def risks_for_ticket(user, ticket, *, limit: int = 10) -> list[Risk]:
    """The risks a security incident is linked to, as `user` may see them (one query), for the ticket page."""
    return list(
        risks_visible_to(user).filter(incidents=ticket).select_related("current_level").order_by("reference")[:limit]
    )
