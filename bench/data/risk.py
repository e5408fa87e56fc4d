"""The risk register at benchmark scale: 500 risks with ratings, actions, reviews, acceptances and history.

Texts are the demo council's risks (risk/demo/data.py), each recorded for several departments and
places, so titles repeat with the place they concern. Ratings use the council's matrix (created by
migration): inherent >= current >= target, each with the level the matrix gives. Statuses follow the
register's rules (an assessed risk has a current rating; a closed one its closing date), and the
history holds the events the services would have written (recorded, assessed, rated at three points,
treatment, reviews, actions, acceptances), with the rating events' effective dates so the quarterly
report can tell the position at past dates. Ninety assessed risks carry an acceptance awaiting
Management's approval, for the harness's "approval step" action. References R-<year>-<nnn> are
numbered per identification year and the sequences are moved past them.
"""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from bench import corpus
from bench.bulk import advance_reference_sequences, analyze, copy_rows, reset_sequence

REQUIRES = ("risk.Risk", "risk.RiskEvent", "risk.RiskAcceptance")

PROPOSED = 90  # acceptances awaiting approval (the approval action needs warm-up + rounds of them)
STATUS_WEIGHTS = [("identified", 6), ("assessed", 20), ("treating", 34), ("monitoring", 26), ("closed", 14)]
TEXT_FIELDS = [
    "title",
    "cause",
    "event",
    "consequence",
    "vulnerability",
    "existing_controls",
]


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def generate(scale, rng):
    from kilombero_ict.fiscal import FiscalQuarter
    from kilombero_ict.models import Department, User
    from risk.demo.data import RISKS
    from risk.matrix import Grid
    from risk.models import Risk, RiskAcceptance, RiskAction, RiskCategory, RiskEvent, RiskReview

    run = corpus.current_run()
    today = run.anchor.date()
    n = corpus.scaled_count(500, scale, minimum=200)
    grid = Grid.load()
    if grid is None or not grid.is_complete:
        raise RuntimeError("the risk matrix is missing (risk migrations)")
    levels = grid.cells  # (likelihood, impact) -> RiskLevel
    top = max(s.value for s in grid.likelihoods)
    users = dict(User.objects.values_list("username", "id"))
    ict = [users[p.username] for p in corpus.people(run.scale) if p.is_ict]
    owners = ict + [users[p] for p in ("manager", "hod.health") if p in users]
    officer, manager = users["ictofficer"], users["manager"]
    departments = dict(Department.objects.values_list("code", "id"))
    categories = dict(RiskCategory.objects.values_list("code", "id"))
    places = corpus.PLACES

    proposed_at = set(rng.sample(range(n), min(PROPOSED, n)))
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    drafts = []
    for i in range(n):
        identified = today - dt.timedelta(days=rng.randrange(30, 3 * 365))
        drafts.append(
            (identified, "assessed" if i in proposed_at else rng.choices(statuses, weights)[0], i in proposed_at)
        )
    drafts.sort(key=lambda d: d[0])

    risk_rows, event_rows, action_rows, review_rows, acceptance_rows = [], [], [], [], []
    counters: dict[int, int] = {}
    acceptance_id = 0

    def event(risk_id, kind, at, actor, **extra):
        event_rows.append(
            (
                risk_id,
                extra.get("acceptance"),
                kind,
                at,
                actor,
                extra.get("from_status", ""),
                extra.get("to_status", ""),
                extra.get("note", ""),
                extra.get("changes", {}),
                extra.get("point", ""),
                extra.get("from_l"),
                extra.get("from_i"),
                extra.get("from_level"),
                extra.get("to_l"),
                extra.get("to_i"),
                extra.get("to_level"),
                extra.get("next_review_on"),
                extra.get("effective_on"),
            )
        )

    for risk_id, (identified, status, has_proposal) in enumerate(drafts, start=1):
        spec = RISKS[risk_id % len(RISKS)]
        place = places[risk_id % len(places)]
        year = timezone.localtime(_noon(identified)).year
        counters[year] = counters.get(year, 0) + 1
        reference = f"R-{year}-{counters[year]:03d}"
        quarter = FiscalQuarter.of(identified)
        owner = users.get(spec.get("owner")) or rng.choice(owners)
        department = departments.get(spec.get("department")) or rng.choice(list(departments.values()))
        rated = status != "identified"
        inherent = current = target = (None, None)
        if rated:
            inherent = (rng.randrange(2, top + 1), rng.randrange(2, top + 1))
            current = (rng.randrange(1, inherent[0] + 1), rng.randrange(1, inherent[1] + 1))
            target = (rng.randrange(1, current[0] + 1), rng.randrange(1, current[1] + 1))

        def level(pair):
            return levels[pair].id if pair[0] else None

        assessed_on = identified + dt.timedelta(days=rng.randrange(0, 20)) if rated else None
        interval = levels[current].review_interval_days if rated else 90
        last_reviewed = None
        next_review = None
        reviews = []
        if rated:
            day = assessed_on
            while day + dt.timedelta(days=interval) < today and len(reviews) < 6:
                day = day + dt.timedelta(days=interval + rng.randrange(-10, 15))
                if day >= today:
                    break
                reviews.append(day)
            last_reviewed = reviews[-1] if reviews else assessed_on
            next_review = last_reviewed + dt.timedelta(days=interval)
            if rng.random() < 0.15:
                next_review = today - dt.timedelta(days=rng.randrange(1, 40))  # overdue reviews exist too
        closed_on = None
        if status == "closed":
            closed_on = min(
                today - dt.timedelta(days=1), (assessed_on or identified) + dt.timedelta(days=rng.randrange(30, 400))
            )
        treatment = ""
        if status in ("treating", "monitoring"):
            treatment = "mitigate"
        accepted = status == "monitoring" and rng.random() < 0.25
        if accepted:
            treatment = "accept"
        texts = {}
        for name in TEXT_FIELDS:
            key_sw, key_en = f"{name}_sw", f"{name}_en"
            sw, en = spec.get(key_sw, ""), spec.get(key_en, "")
            if name == "title":
                sw, en = f"{sw} - {place}", f"{en} - {place}"
            texts[key_sw], texts[key_en] = sw, en
        created_at = _noon(identified)
        updated_at = _noon(last_reviewed or identified)
        risk_rows.append(
            (
                risk_id, reference, grid.matrix.id, texts["title_sw"], texts["title_en"], texts["cause_sw"],
                texts["cause_en"], texts["event_sw"], texts["event_en"], texts["consequence_sw"], texts["consequence_en"],
                categories.get(spec.get("category")) or rng.choice(list(categories.values())), department, owner,
                spec.get("systems", ""), "", "", texts["vulnerability_sw"], texts["vulnerability_en"],
                texts["existing_controls_sw"], texts["existing_controls_en"],
                inherent[0], inherent[1], level(inherent), current[0], current[1], level(current),
                target[0], target[1], level(target), "Lengo linawezekana kwa bajeti iliyopo." if rated else "",
                treatment, "Hatua zinazopunguza uwezekano na athari." if treatment else "", status, identified,
                quarter.year.start_year, quarter.number, assessed_on, last_reviewed, None if status == "closed" else next_review,
                closed_on, officer, created_at, updated_at,
            )
        )  # fmt: skip

        # History.
        event(risk_id, "created", created_at, officer, to_status="identified")
        if rated:
            at = _noon(assessed_on)
            event(risk_id, "status", at, officer, from_status="identified", to_status="assessed")
            for point, pair in (("inherent", inherent), ("current", current), ("target", target)):
                event(
                    risk_id, "rated", at, officer, point=point, to_l=pair[0], to_i=pair[1], to_level=level(pair),
                    next_review_on=assessed_on + dt.timedelta(days=interval) if point == "current" else None,
                    effective_on=assessed_on,
                )  # fmt: skip
            for k, day in enumerate(reviews):
                reviewer = rng.choice(owners)
                review_rows.append(
                    (risk_id, day, reviewer, current[0], current[1], level(current), current[0], current[1],
                     level(current), "Hali haijabadilika; hatua zinaendelea.", day + dt.timedelta(days=interval),
                     _noon(day))
                )  # fmt: skip
                event(
                    risk_id, "reviewed", _noon(day), reviewer, point="current", from_l=current[0], from_i=current[1],
                    from_level=level(current), to_l=current[0], to_i=current[1], to_level=level(current),
                    next_review_on=day + dt.timedelta(days=interval), effective_on=day,
                    note="Hali haijabadilika." if k % 2 else "",
                )  # fmt: skip
        if treatment:
            at = _noon(assessed_on + dt.timedelta(days=3))
            event(risk_id, "treatment", at, officer, changes={"treatment": treatment})
            event(risk_id, "status", at, officer, from_status="assessed", to_status="treating")
            if status == "monitoring":
                event(
                    risk_id,
                    "status",
                    at + dt.timedelta(days=60),
                    officer,
                    from_status="treating",
                    to_status="monitoring",
                )
            if treatment == "mitigate":
                for number in (1, 2):
                    due = assessed_on + dt.timedelta(days=rng.randrange(30, 400))
                    action_status = rng.choice(("planned", "in_progress", "done", "done"))
                    done_on = min(today - dt.timedelta(days=1), due) if action_status == "done" else None
                    action_rows.append(
                        (risk_id, number, f"Hatua ya {number}: {texts['title_sw'][:200]}",
                         f"Action {number}: {texts['title_en'][:200]}", rng.choice(owners), due,
                         Decimal(rng.randrange(0, 30_000_000, 50_000)), action_status, done_on, officer, at, at)
                    )  # fmt: skip
        if status == "closed":
            event(risk_id, "status", _noon(closed_on), officer, from_status="assessed", to_status="closed")
        if accepted or has_proposal:
            acceptance_id += 1
            requested = _noon(today - dt.timedelta(days=rng.randrange(1, 60)))
            expires = today + dt.timedelta(days=rng.randrange(120, 700))
            if accepted:
                acceptance_rows.append(
                    (acceptance_id, risk_id, "active", "Gharama ya kupunguza ni kubwa kuliko athari.", expires,
                     officer, requested, manager, requested + dt.timedelta(days=2), "", current[0], current[1],
                     level(current), None, "")
                )  # fmt: skip
                event(
                    risk_id, "acceptance_approved", requested + dt.timedelta(days=2), manager, acceptance=acceptance_id
                )
            else:
                acceptance_rows.append(
                    (acceptance_id, risk_id, "proposed", "Halmashauri inaweza kuishi na hatari hii kwa sasa.", expires,
                     officer, requested, None, None, "", None, None, None, None, "")
                )  # fmt: skip
            event(risk_id, "acceptance_requested", requested, officer, acceptance=acceptance_id)

    n_risks = copy_rows(
        connection,
        Risk,
        ["id", "reference", "matrix", "title_sw", "title_en", "cause_sw", "cause_en", "event_sw", "event_en",
         "consequence_sw", "consequence_en", "category", "department", "owner", "affected_systems", "threat_source_sw",
         "threat_source_en", "vulnerability_sw", "vulnerability_en", "existing_controls_sw", "existing_controls_en",
         "inherent_likelihood", "inherent_impact", "inherent_level", "current_likelihood", "current_impact",
         "current_level", "target_likelihood", "target_impact", "target_level", "target_justification", "treatment",
         "treatment_rationale", "status", "identified_on", "identified_fiscal_year", "identified_quarter",
         "assessed_on", "last_reviewed_on", "next_review_on", "closed_on", "created_by", "created_at", "updated_at"],
        risk_rows,
    )  # fmt: skip
    reset_sequence(connection, Risk)
    advance_reference_sequences(connection, {f"R-{year}": last for year, last in counters.items()})
    copy_rows(
        connection,
        RiskAcceptance,
        ["id", "risk", "status", "justification", "expires_on", "requested_by", "requested_at", "decided_by",
         "decided_at", "decision_note", "likelihood", "impact", "level", "ended_on", "end_note"],
        acceptance_rows,
    )  # fmt: skip
    reset_sequence(connection, RiskAcceptance)
    n_actions = copy_rows(
        connection,
        RiskAction,
        ["risk", "number", "title_sw", "title_en", "owner", "due_on", "cost", "status", "closed_on", "created_by",
         "created_at", "updated_at"],
        action_rows,
    )  # fmt: skip
    n_reviews = copy_rows(
        connection,
        RiskReview,
        ["risk", "reviewed_on", "reviewer", "from_likelihood", "from_impact", "from_level", "likelihood", "impact",
         "level", "notes", "next_review_on", "created_at"],
        review_rows,
    )  # fmt: skip
    n_events = copy_rows(
        connection,
        RiskEvent,
        ["risk", "acceptance", "kind", "at", "actor", "from_status", "to_status", "note", "changes", "point",
         "from_likelihood", "from_impact", "from_level", "to_likelihood", "to_impact", "to_level", "next_review_on",
         "effective_on"],
        event_rows,
    )  # fmt: skip
    for model in (RiskAction, RiskReview, RiskEvent):
        reset_sequence(connection, model)
    analyze(connection, Risk, RiskAcceptance, RiskAction, RiskReview, RiskEvent)
    return {
        "risks": n_risks,
        "acceptances": len(acceptance_rows),
        "actions": n_actions,
        "reviews": n_reviews,
        "risk events": n_events,
    }
