"""Demo data of the risk register: the council's own ICT risks, in Swahili and English.

Taken from the challenges the council names itself (../shared/COUNCIL.md): too few ICT staff, an
unstable link to distant servers, power cuts, malware, weak and shared passwords, untested backups,
ageing equipment, departments that do not state their ICT needs, supplier lock-in, laptops lost in
the field. Every risk is recorded, rated, treated, reviewed and accepted through the same services
as the portal (no mail is sent); dates that lie in the past (an overdue action, an acceptance that
ran out, a risk closed last month) are then set on the rows, as if the portal had been used all year.
Idempotent: a risk whose English title exists is left alone.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kilombero_ict.models import Department, User

from .. import services
from ..matrix import Rating
from ..models import Risk, RiskAcceptance, RiskAction, RiskCategory, RiskEvent
from ..models.register import EventKind, Status
from ..notify import mail_muted
from .data import RISKS


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _backdate_events(risk: Risk) -> None:
    """Show the recording, the first assessment and dated reviews on their own days, as if recorded then."""
    today = timezone.localdate()
    for event in risk.events.order_by("id"):
        day = event.effective_on
        if event.kind == EventKind.CREATED or (
            event.kind == EventKind.STATUS
            and event.from_status == Status.IDENTIFIED
            and event.to_status == Status.ASSESSED
        ):
            day = risk.identified_on
        if day is not None and day < today:
            RiskEvent.objects.filter(pk=event.pk).update(at=_noon(day))


def _seed_risk(spec, people, departments, categories, officer):
    today = timezone.localdate()
    details = services.RiskDetails(
        title_sw=spec["title_sw"],
        title_en=spec["title_en"],
        cause_sw=spec["cause_sw"],
        cause_en=spec["cause_en"],
        event_sw=spec["event_sw"],
        event_en=spec["event_en"],
        consequence_sw=spec["consequence_sw"],
        consequence_en=spec["consequence_en"],
        category=categories[spec["category"]],
        department=departments.get(spec["department"]),
        owner=people[spec["owner"]],
        affected_systems=spec.get("systems", ""),
        threat_source_sw=spec.get("threat_source_sw", ""),
        threat_source_en=spec.get("threat_source_en", ""),
        vulnerability_sw=spec.get("vulnerability_sw", ""),
        vulnerability_en=spec.get("vulnerability_en", ""),
        existing_controls_sw=spec.get("existing_controls_sw", ""),
        existing_controls_en=spec.get("existing_controls_en", ""),
    )
    inherent, current, target = (Rating(*pair) for pair in spec["ratings"])
    risk = services.risk_create(
        by=officer,
        details=details,
        identified_on=_day(spec["identified"]),
        inherent=inherent,
        current=current,
        target=target,
    )
    for day, rating, notes in spec.get("reviews", []):
        reviewer = people[spec["owner"]] if spec["owner"] in ("hod.health",) else officer
        services.risk_review(risk=risk, by=reviewer, reviewed_on=_day(day), current=Rating(*rating), notes=notes)
    if "treatment" in spec:
        treatment, rationale = spec["treatment"]
        services.risk_set_treatment(risk=risk, by=officer, treatment=treatment, rationale=rationale)
    for action_spec in spec.get("actions", []):
        due = _day(action_spec["due"])
        action = services.action_create(
            risk=risk,
            by=officer,
            title_sw=action_spec["sw"],
            title_en=action_spec["en"],
            owner=people[action_spec["owner"]],
            due_on=max(due, today),
            cost=Decimal(action_spec["cost"]) if "cost" in action_spec else None,
        )
        RiskAction.objects.filter(pk=action.pk).update(
            due_on=due, created_at=_noon(min(_day(spec["identified"]) + dt.timedelta(days=14), today))
        )
        action.refresh_from_db()
        status = action_spec.get("status")
        if status == "in_progress":
            services.action_record_progress(
                action=action, by=people[action_spec["owner"]], note="Kazi imeanza.", status="in_progress"
            )
        elif status == "done":
            services.action_record_progress(action=action, by=people[action_spec["owner"]], note="", status="done")
            RiskAction.objects.filter(pk=action.pk).update(closed_on=_day(action_spec["closed"]))
    if spec.get("monitor"):
        services.risk_start_monitoring(risk=risk, by=officer, note="Hatua zote zimekamilika.")
    if "accept" in spec:
        accept = spec["accept"]
        services.risk_accept(
            risk=risk, by=people[accept["by"]], justification=accept["justification"], expires_on=_day(accept["until"])
        )
    if "expired_accept" in spec:
        accept = spec["expired_accept"]
        acceptance = services.risk_accept(
            risk=risk,
            by=people[accept["by"]],
            justification=accept["justification"],
            expires_on=today + dt.timedelta(days=1),
        )
        RiskAcceptance.objects.filter(pk=acceptance.pk).update(
            expires_on=_day(accept["until"]),
            requested_at=_noon(_day(accept["approved"])),
            decided_at=_noon(_day(accept["approved"])),
        )
        services.acceptance_expire(acceptance=acceptance)
        RiskAcceptance.objects.filter(pk=acceptance.pk).update(ended_on=_day(accept["until"]) + dt.timedelta(days=1))
    if "request_accept" in spec:
        request = spec["request_accept"]
        services.acceptance_request(
            risk=risk,
            by=people[request["by"]],
            justification=request["justification"],
            expires_on=_day(request["until"]),
        )
    if "close" in spec:
        day, note = spec["close"]
        services.risk_close(risk=risk, by=officer, note=note)
        Risk.objects.filter(pk=risk.pk).update(closed_on=_day(day))
    _backdate_events(risk)
    return risk


def seed(stdout=None):
    usernames = {"ictofficer", "technician", "hod.health", "manager"}
    people = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if set(people) != usernames:
        if stdout:
            stdout.write("Risk register: the demo accounts are missing; run the organisation layer's demo first.")
        return
    departments = {d.code: d for d in Department.objects.all()}
    categories = {c.code: c for c in RiskCategory.objects.all()}
    existing = set(Risk.objects.filter(title_en__in=[s["title_en"] for s in RISKS]).values_list("title_en", flat=True))
    created = 0
    with mail_muted():
        for spec in RISKS:
            if spec["title_en"] in existing:
                continue
            _seed_risk(spec, people, departments, categories, people["ictofficer"])
            created += 1
    _link_demo(people["ictofficer"])
    if stdout:
        stdout.write(f"Risk register: {created} risks added, {Risk.objects.count()} in the register.")


# Which demo risks threaten which kinds of equipment (English category names of the asset register), and
# which link to the helpdesk's security incidents.
EQUIPMENT_LINKS = {
    "Power cuts shut down the server room and the network": ("server", "ups", "switch"),
    "Backups have never been test-restored": ("server",),
    "Lightning damage to the ward offices' network equipment": ("router", "switch"),
    "Laptops lost or stolen during health outreach in the field": ("laptop", "tablet"),
}
INCIDENT_LINKS = ("Phishing e-mails aimed at the accountants", "Malware and ransomware on council computers")


def _link_demo(officer) -> None:
    """Link the demo risks to equipment and security incidents through the services (idempotent)."""
    from assets.models import Asset
    from helpdesk.models import Ticket

    with mail_muted():
        for title, kinds in EQUIPMENT_LINKS.items():
            risk = Risk.objects.filter(title_en=title).first()
            if risk is None or risk.assets.exists():
                continue
            candidates = (
                Asset.objects.exclude(status="disposed")
                .filter(model__category__name_en__iregex="|".join(kinds))
                .order_by("tag")[:3]
            )
            for asset in candidates:
                services.risk_link_asset(risk=risk, asset=asset, by=officer)
        incidents = list(Ticket.objects.filter(is_security_incident=True).order_by("-created_at")[:4])
        for title in INCIDENT_LINKS:
            risk = Risk.objects.filter(title_en=title).first()
            if risk is None or risk.incidents.exists():
                continue
            for ticket in incidents[:2]:
                services.risk_link_incident(risk=risk, ticket=ticket, by=officer)
