"""Policies at benchmark scale: 60 versions of 24 documents, 50,000 acknowledgements by staff.

Documents are public or staff-only policies, circulars, procedures, guidelines and standards; each
has one published version and, for most, superseded ones before it (and a few drafts in review).
The texts are the demo council's (rendered once with the portal's Markdown renderer). Documents
that staff must accept get their acknowledgements from everyone in the audience who accepted the
published and the superseded versions; each acknowledgement carries the SHA-256 of exactly the text
the person was shown (`policies.markdown.text_fingerprint`), as the accept service would have made it.
Search vectors are built by the service that does it (`document_refresh_search`), once per document.
"""

import datetime as dt

from django.db import connection
from django.utils import timezone

from bench import corpus
from bench.bulk import analyze, copy_rows, reset_sequence

REQUIRES = ("policies.PolicyDocument", "policies.PolicyVersion", "policies.Acknowledgement")

N_DOCUMENTS = 24
N_VERSIONS = 60
N_ACKNOWLEDGEMENTS = 50000

SUBJECTS = [
    # Swahili title, English title, short name
    ("Sera ya Matumizi ya Barua Pepe", "E-mail Use Policy", "barua-pepe"),
    ("Sera ya Nywila", "Password Policy", "nywila"),
    ("Utaratibu wa Kuhifadhi Nakala", "Backup Procedure", "nakala"),
    ("Sera ya Matumizi ya Intaneti", "Internet Use Policy", "intaneti"),
    ("Mwongozo wa Vifaa Binafsi", "Bring Your Own Device Guideline", "vifaa-binafsi"),
    ("Sera ya Usalama wa Taarifa", "Information Security Policy", "usalama-taarifa"),
    ("Utaratibu wa Kuripoti Matukio", "Incident Reporting Procedure", "matukio"),
    ("Kiwango cha Kompyuta za Ofisi", "Office Computer Standard", "kiwango-kompyuta"),
    ("Sera ya Mitandao ya Kijamii", "Social Media Policy", "mitandao-kijamii"),
    ("Mwongozo wa Tovuti ya Halmashauri", "Council Website Guideline", "tovuti"),
    ("Utaratibu wa Akaunti za Watumiaji", "User Account Procedure", "akaunti"),
    ("Sera ya Programu Halali", "Licensed Software Policy", "programu-halali"),
]
KINDS = ["policy", "circular", "procedure", "guideline", "standard"]


def _texts():
    from policies import demo_content
    from policies.markdown import render_markdown

    pairs = [
        (demo_content.ICT_POLICY_SW, demo_content.ICT_POLICY_EN),
        (demo_content.RISK_POLICY_SW, demo_content.RISK_POLICY_EN),
        (demo_content.BACKUP_PROCEDURE_SW, demo_content.BACKUP_PROCEDURE_EN),
    ]
    return [(sw, en, render_markdown(sw), render_markdown(en)) for sw, en in pairs]


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def generate(scale, rng):
    from kilombero_ict.models import Department, User
    from kilombero_ict.roles import ROLE_GROUPS, Role
    from policies.markdown import text_fingerprint
    from policies.models import Acknowledgement, PolicyDocument, PolicyVersion, PolicyVersionEvent
    from policies.services.common import document_refresh_search

    run = corpus.current_run()
    today = run.anchor.date()
    n_versions = corpus.scaled_count(N_VERSIONS, scale, minimum=N_VERSIONS)  # the text set is small at any scale
    n_acks = corpus.scaled_count(N_ACKNOWLEDGEMENTS, scale, minimum=500)
    users = dict(User.objects.values_list("username", "id"))
    officer, manager = users["ictofficer"], users["manager"]
    departments = dict(Department.objects.values_list("code", "id"))
    texts = _texts()

    # 1. Documents: titles numbered past the twelve subjects, owners from the council's units.
    documents = []
    for i in range(N_DOCUMENTS):
        sw, en, slug = SUBJECTS[i % len(SUBJECTS)]
        round_ = i // len(SUBJECTS)
        suffix = f" ({round_ + 1})" if round_ else ""
        documents.append(
            PolicyDocument(
                title_sw=sw + suffix,
                title_en=en + suffix,
                slug=f"{slug}-{round_ + 1}" if round_ else slug,
                kind=KINDS[i % len(KINDS)],
                reference=f"KDC/TEHAMA/{KINDS[i % len(KINDS)][:3].upper()}/{i + 1:02d}",
                summary_sw=f"{sw}: misingi, majukumu na taratibu za watumishi wa Halmashauri.",
                summary_en=f"{en}: principles, duties and procedures for council staff.",
                owner_id=departments.get("TEHAMA") or next(iter(departments.values())),
                audience="staff" if i % 4 == 3 else "public",
                review_every_months=rng.choice((12, 24, 36)),
                next_review_date=today + dt.timedelta(days=rng.randrange(-60, 700)),
                acceptance_required=i % 2 == 0,
            )
        )
    PolicyDocument.objects.bulk_create(documents)
    documents = list(PolicyDocument.objects.filter(slug__in=[d.slug for d in documents]).order_by("id"))

    # 2. Versions: every document one published, then superseded ones before it and a few in review after.
    counts = [1] * len(documents)
    k = 0
    while sum(counts) < n_versions:
        counts[k % len(documents)] += 1
        k += 1
    version_rows, event_rows, published = [], [], []
    version_id = PolicyVersion.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for d, (document, count) in enumerate(zip(documents, counts, strict=True)):
        in_review = 1 if count >= 3 and d % 3 == 0 else 0
        readable = count - in_review
        start = today - dt.timedelta(days=180 * readable + rng.randrange(0, 90))
        for number in range(1, count + 1):
            version_id += 1
            sw, en, html_sw, html_en = texts[(d + number) % len(texts)]
            effective = start + dt.timedelta(days=180 * (number - 1))
            approved_at = _at(effective - dt.timedelta(days=10))
            if number <= readable:
                status = "published" if number == readable else "superseded"
                published_at = _at(effective - dt.timedelta(days=7), 11)
                superseded_at = None if status == "published" else _at(effective + dt.timedelta(days=173), 11)
                approver = manager
            else:
                status, published_at, superseded_at, approver, approved_at = "in_review", None, None, None, None
                effective = today + dt.timedelta(days=30)
            version_rows.append(
                (version_id, document.id, number, status, sw, en, html_sw, html_en,
                 "Toleo jipya." if number > 1 else "Toleo la kwanza.", "New version." if number > 1 else "First version.",
                 effective, True, effective + dt.timedelta(days=30) if document.acceptance_required else None,
                 "", "", officer, _at(effective - dt.timedelta(days=30)), approver, approved_at, officer if published_at else None,
                 published_at, superseded_at)
            )  # fmt: skip
            created = _at(effective - dt.timedelta(days=30))
            moves = [("", "draft", created), ("draft", "in_review", created + dt.timedelta(days=10))]
            if approved_at:
                moves.append(("in_review", "approved", approved_at))
            if published_at:
                moves.append(("approved", "published", published_at))
            if superseded_at:
                moves.append(("published", "superseded", superseded_at))
            for from_status, to_status, at in moves:
                event_rows.append(
                    (version_id, manager if to_status == "approved" else officer, at, from_status, to_status, "")
                )
            if status in ("published", "superseded") and document.acceptance_required:
                published.append((version_id, document, number, html_sw, html_en, published_at, superseded_at))
    n_v = copy_rows(
        connection,
        PolicyVersion,
        ["id", "document", "number", "status", "body_sw", "body_en", "body_html_sw", "body_html_en",
         "change_summary_sw", "change_summary_en", "effective_date", "is_material", "acceptance_deadline",
         "signed_pdf", "signed_pdf_name", "created_by", "created_at", "approved_by", "approved_at", "published_by",
         "published_at", "superseded_at"],
        version_rows,
    )  # fmt: skip
    reset_sequence(connection, PolicyVersion)
    copy_rows(
        connection, PolicyVersionEvent, ["version", "actor", "at", "from_status", "to_status", "note"], event_rows
    )
    reset_sequence(connection, PolicyVersionEvent)

    # 3. Acknowledgements: staff in the audience, most of them for each readable version, until the total.
    staff_group = ROLE_GROUPS[Role.STAFF]
    staff = list(
        User.objects.filter(groups__name=staff_group).order_by("id").values_list("id", "preferred_language", "username")
    )
    fingerprints = {}
    for version_id, document, number, html_sw, html_en, _p, _s in published:
        fingerprints[(version_id, "sw")] = text_fingerprint(title=document.title_sw, number=number, html=html_sw)
        fingerprints[(version_id, "en")] = text_fingerprint(
            title=document.title_en or document.title_sw, number=number, html=html_en
        )
    pairs = [(v, person) for v in published for person in staff]
    # The demo accounts leave the newest version of each document open, so "to accept" lists are not empty.
    keep_open = {users.get(name) for name in ("staff.health", "staff.finance")}
    pairs = [(v, p) for v, p in pairs if not (p[0] in keep_open and v[6] is None)]
    rng.shuffle(pairs)
    pairs = pairs[:n_acks]

    def ack_rows():
        for (version_id, _document, _number, _sw, _en, published_at, superseded_at), (user_id, language, _u) in pairs:
            shown = "en" if language == "en" else "sw"
            end = superseded_at or run.anchor
            span = max(3600, int((end - published_at).total_seconds()) - 60)
            at = published_at + dt.timedelta(seconds=rng.randrange(60, span))
            ip = f"10.{rng.randrange(1, 30)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            yield (
                version_id,
                user_id,
                at,
                ip,
                shown,
                fingerprints[(version_id, shown)],
                "online",
                None,
                None,
                "",
                "",
                "",
            )

    n_a = copy_rows(
        connection,
        Acknowledgement,
        ["version", "user", "accepted_at", "ip_address", "language", "text_sha256", "method", "signed_on",
         "recorded_by", "scanned_form", "scanned_form_name", "note"],
        ack_rows(),
    )  # fmt: skip
    reset_sequence(connection, Acknowledgement)
    for document in documents:
        document_refresh_search(document=document)
    analyze(connection, PolicyDocument, PolicyVersion, PolicyVersionEvent, Acknowledgement)
    return {"documents": len(documents), "versions": n_v, "acknowledgements": n_a}
