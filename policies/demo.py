"""Demo data of the policies app: the council's ICT Policy, the acceptable-use circular (two versions, the
second material), the ICT Risk Management Policy and a backup procedure still in review; acknowledgements
for part of the demo staff, a paper acknowledgement, exceptions and an overdue review.

Every step goes through the services, as the ICT officer and the DED would do it; dates are then set back to
when it would have happened. Idempotent: a document that already exists (by slug) is left as it is.
`staff.health` and `staff.finance` have accepted only the first circular, so they are asked to accept the second.
"""

import datetime as dt
import zlib

from django.core.files.base import ContentFile
from django.utils import timezone

from kilombero_ict.models import Department, User

from . import demo_content as text
from . import services
from .markdown import text_fingerprint
from .models import (
    Acknowledgement,
    Audience,
    DocumentKind,
    PolicyDocument,
    PolicyException,
    PolicyExceptionEvent,
    PolicyVersion,
    PolicyVersionEvent,
    VersionStatus,
)


def minimal_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page A4 PDF showing `lines` in Helvetica (ASCII text), built without a library."""

    def escape(line: str) -> str:
        line = line.encode("ascii", "replace").decode("ascii")
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for index, line in enumerate(lines):
        if index == 0:
            commands += ["/F1 14 Tf", f"({escape(line)}) Tj", "/F1 11 Tf", "T*", "T*"]
        else:
            commands += [f"({escape(line)}) Tj", "T*"]
    commands.append("ET")
    # A signature line and a round stamp outline drawn with vector strokes.
    commands += ["0.6 w", "56 150 m 256 150 l S", "0.1 0.3 0.6 RG", "1.5 w"]
    commands += [
        "420 170 m 420 203 447 230 480 230 c 513 230 540 203 540 170 c",
        "540 137 513 110 480 110 c 447 110 420 137 420 170 c S",
    ]
    stream = zlib.compress("\n".join(commands).encode("ascii"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Producer (Kilombero ICT Portal demo) /Title (Signed copy) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _walk_to_published(version, *, author, approver, approved_on: dt.date, published_on: dt.date):
    services.version_submit(version=version, actor=author, note="")
    services.version_approve(version=version, actor=approver, note="")
    services.version_publish(version=version, actor=author, note="")
    PolicyVersion.objects.filter(pk=version.pk).update(approved_at=_at(approved_on), published_at=_at(published_on, 11))
    events = PolicyVersionEvent.objects.filter(version=version)
    events.filter(to_status=VersionStatus.DRAFT).update(at=_at(approved_on - dt.timedelta(days=14)))
    events.filter(to_status=VersionStatus.IN_REVIEW).update(at=_at(approved_on - dt.timedelta(days=7)))
    events.filter(to_status=VersionStatus.APPROVED).update(at=_at(approved_on))
    events.filter(to_status=VersionStatus.PUBLISHED).update(at=_at(published_on, 11))
    version.refresh_from_db()
    return version


def _accept(version, username: str, on: dt.date, ip: str):
    person = User.objects.get(username=username)
    document = version.document
    services.acknowledgement_accept(
        version=version,
        user=person,
        language=person.preferred_language,
        shown_sha256=text_fingerprint(
            title=document.title_en if person.preferred_language == "en" else document.title_sw,
            number=version.number,
            html=version.html_in(person.preferred_language),
        ),
        ip_address=ip,
    )
    Acknowledgement.objects.filter(user=person, version=version).update(accepted_at=_at(on, 9 + len(username) % 6))


def _document(slug, **fields):
    departments = fields.pop("acceptance_departments", [])
    document, created = PolicyDocument.objects.get_or_create(slug=slug, defaults=fields)
    if created and departments:
        document.acceptance_departments.set(departments)
    return document, created


def seed(stdout=None):
    today = timezone.localdate()
    officer = User.objects.get(username="ictofficer")
    manager = User.objects.get(username="manager")
    hod = User.objects.get(username="hod.health")
    ict = Department.objects.get(code="TEHAMA")
    with services.mail_suppressed():
        _seed_ict_policy(officer, manager, ict, today)
        _seed_circular(officer, manager, ict, today)
        _seed_risk_policy(officer, manager, ict, today)
        _seed_backup_procedure(officer, ict, today)
        _seed_exceptions(officer, manager, hod, today)
    if stdout:
        stdout.write(
            f"Policies: {PolicyDocument.objects.count()} documents, {PolicyVersion.objects.count()} versions, "
            f"{Acknowledgement.objects.count()} acknowledgements, {PolicyException.objects.count()} exceptions."
        )


def _seed_ict_policy(officer, manager, ict, today):
    document, created = _document(
        "sera-ya-tehama",
        title_sw="Sera ya TEHAMA ya Halmashauri",
        title_en="Council ICT Policy",
        kind=DocumentKind.POLICY,
        reference="KDC/TEHAMA/SERA/01",
        summary_sw="Misingi ya kupanga, kununua, kutumia na kulinda rasilimali za TEHAMA za Halmashauri.",
        summary_en="How the Council plans, buys, uses and protects its ICT resources.",
        owner=ict,
        audience=Audience.PUBLIC,
        review_every_months=36,
        next_review_date=today,
    )
    if not created:
        return
    version = services.version_create(
        document=document,
        actor=officer,
        body_sw=text.ICT_POLICY_SW,
        body_en=text.ICT_POLICY_EN,
        effective_date=dt.date(2023, 11, 1),
        change_summary_sw="Toleo la kwanza.",
        change_summary_en="First version.",
    )
    _walk_to_published(
        version, author=officer, approver=manager, approved_on=dt.date(2023, 10, 16), published_on=dt.date(2023, 10, 20)
    )
    # Three years have passed: the review fell due at the end of October and is now overdue.
    PolicyDocument.objects.filter(pk=document.pk).update(next_review_date=dt.date(2026, 10, 31))


def _seed_circular(officer, manager, ict, today):
    document, created = _document(
        "waraka-matumizi-bora-tehama",
        title_sw="Waraka wa Matumizi Bora na Sahihi ya TEHAMA",
        title_en="Circular on the Good and Proper Use of ICT",
        kind=DocumentKind.CIRCULAR,
        reference="KDC/TEHAMA/WRK/01",
        summary_sw="Kanuni ambazo kila mtumishi anatakiwa kuzikubali na kuzifuata anapotumia rasilimali za TEHAMA.",
        summary_en="The rules every staff member must accept and follow when using the Council's ICT resources.",
        owner=ict,
        audience=Audience.PUBLIC,
        review_every_months=12,
        next_review_date=today,
        acceptance_required=True,
    )
    if not created:
        return
    first = services.version_create(
        document=document,
        actor=officer,
        body_sw=text.CIRCULAR_V1_SW,
        body_en=text.CIRCULAR_V1_EN,
        effective_date=dt.date(2025, 2, 1),
        acceptance_deadline=dt.date(2025, 3, 31),
        change_summary_sw="Toleo la kwanza.",
        change_summary_en="First version.",
    )
    first = _walk_to_published(
        first, author=officer, approver=manager, approved_on=dt.date(2025, 1, 20), published_on=dt.date(2025, 1, 24)
    )
    first_accepted = [
        ("ictofficer", dt.date(2025, 1, 27)),
        ("technician", dt.date(2025, 1, 27)),
        ("hod.health", dt.date(2025, 2, 3)),
        ("staff.health", dt.date(2025, 2, 4)),
        ("staff.finance", dt.date(2025, 2, 6)),
        ("manager", dt.date(2025, 2, 10)),
        ("auditor", dt.date(2025, 2, 11)),
        ("mwajuma.kombo", dt.date(2025, 2, 12)),
        ("zawadi.msuya", dt.date(2025, 2, 17)),
        ("elia.mwita", dt.date(2025, 3, 3)),
    ]
    for index, (username, on) in enumerate(first_accepted):
        _accept(first, username, on, f"10.10.1.{20 + index}")

    second = services.version_create(
        document=document,
        actor=officer,
        body_sw=text.CIRCULAR_V2_SW,
        body_en=text.CIRCULAR_V2_EN,
        effective_date=dt.date(2026, 10, 1),
        acceptance_deadline=dt.date(2026, 12, 31),
        is_material=True,
        change_summary_sw=text.CIRCULAR_V2_CHANGES_SW,
        change_summary_en=text.CIRCULAR_V2_CHANGES_EN,
    )
    services.version_attach_pdf(
        version=second,
        actor=officer,
        pdf=ContentFile(
            minimal_pdf(
                [
                    "HALMASHAURI YA WILAYA YA KILOMBERO",
                    "Kumb. Na. KDC/TEHAMA/WRK/01 - Toleo la 2",
                    "",
                    "WARAKA WA MATUMIZI BORA NA SAHIHI YA TEHAMA",
                    "Circular on the Good and Proper Use of ICT",
                    "",
                    "Waraka huu unaanza kutumika tarehe 1 Oktoba 2026.",
                    "Kila mtumishi anatakiwa kuusoma na kuukubali kabla ya 31 Desemba 2026.",
                    "Maandishi kamili yapo kwenye tovuti ya Halmashauri: /policies/waraka-matumizi-bora-tehama/",
                    "",
                    "",
                    "Mkurugenzi Mtendaji (W)",
                    "Afisa Masuuli",
                    "S.L.P. 263, Mngeta - Kijiji cha Itongoa",
                ]
            ),
            name="waraka-tehama-toleo-2.pdf",
        ),
        name="waraka-tehama-toleo-2-signed.pdf",
    )
    _walk_to_published(
        second, author=officer, approver=manager, approved_on=dt.date(2026, 9, 15), published_on=dt.date(2026, 9, 22)
    )
    PolicyVersion.objects.filter(pk=first.pk).update(superseded_at=_at(dt.date(2026, 9, 22), 11))
    PolicyDocument.objects.filter(pk=document.pk).update(next_review_date=dt.date(2027, 10, 1))
    PolicyVersionEvent.objects.filter(version=first, to_status=VersionStatus.SUPERSEDED).update(
        at=_at(dt.date(2026, 9, 22), 11)
    )
    second_accepted = [
        ("ictofficer", dt.date(2026, 9, 23)),
        ("technician", dt.date(2026, 9, 23)),
        ("hod.health", dt.date(2026, 9, 29)),
        ("manager", dt.date(2026, 10, 2)),
        ("auditor", dt.date(2026, 10, 6)),
        ("mwajuma.kombo", dt.date(2026, 10, 8)),
        ("zawadi.msuya", dt.date(2026, 10, 14)),
        ("juma.hassan", dt.date(2026, 10, 20)),
        ("halima.nassoro", dt.date(2026, 11, 3)),
    ]
    for index, (username, on) in enumerate(second_accepted):
        _accept(second, username, on, f"10.10.1.{40 + index}")
    # An agricultural officer at a ward office without a computer signed the printed circular.
    services.acknowledgement_record_paper(
        version=second,
        user=User.objects.get(username="salum.mbwana"),
        actor=officer,
        signed_on=dt.date(2026, 10, 27),
        language="sw",
        scanned_form=ContentFile(
            minimal_pdf(
                [
                    "FOMU YA KUKUBALI WARAKA WA MATUMIZI BORA NA SAHIHI YA TEHAMA",
                    "Toleo la 2 - Kumb. Na. KDC/TEHAMA/WRK/01",
                    "",
                    "Mimi, Salum Mbwana, Afisa Kilimo, nimesoma na kuelewa waraka huu",
                    "na ninakubali kuufuata.",
                    "",
                    "Sahihi: ____________________   Tarehe: 27/10/2026",
                    "Ofisi ya Kata ya Mchombe",
                ]
            ),
            name="fomu-salum-mbwana.pdf",
        ),
        scanned_form_name="fomu-salum-mbwana.pdf",
        note="Fomu iliwasilishwa na Afisa Mtendaji wa Kata ya Mchombe.",
    )


def _seed_risk_policy(officer, manager, ict, today):
    document, created = _document(
        "sera-usimamizi-vihatarishi-tehama",
        title_sw="Sera ya Usimamizi wa Vihatarishi vya TEHAMA",
        title_en="ICT Risk Management Policy",
        kind=DocumentKind.POLICY,
        reference="KDC/TEHAMA/SERA/02",
        summary_sw="Jinsi vihatarishi vya mifumo ya TEHAMA vinavyotambuliwa, kupimwa, kushughulikiwa na kufuatiliwa.",
        summary_en="How risks to the Council's ICT systems are identified, rated, treated and monitored.",
        owner=ict,
        audience=Audience.PUBLIC,
        review_every_months=24,
        next_review_date=today,
        acceptance_required=True,
        acceptance_departments=[ict],
    )
    if not created:
        return
    version = services.version_create(
        document=document,
        actor=officer,
        body_sw=text.RISK_POLICY_SW,
        body_en=text.RISK_POLICY_EN,
        effective_date=dt.date(2025, 7, 1),
        acceptance_deadline=dt.date(2025, 9, 30),
        change_summary_sw="Toleo la kwanza.",
        change_summary_en="First version.",
    )
    version = _walk_to_published(
        version, author=officer, approver=manager, approved_on=dt.date(2025, 6, 16), published_on=dt.date(2025, 6, 20)
    )
    _accept(version, "ictofficer", dt.date(2025, 6, 23), "10.10.1.20")
    PolicyDocument.objects.filter(pk=document.pk).update(next_review_date=dt.date(2027, 7, 1))


def _seed_backup_procedure(officer, ict, today):
    document, created = _document(
        "utaratibu-nakala-za-akiba",
        title_sw="Utaratibu wa Kuchukua na Kuhifadhi Nakala za Akiba",
        title_en="Backup Procedure",
        kind=DocumentKind.PROCEDURE,
        reference="KDC/TEHAMA/UTR/03",
        summary_sw="Ratiba na hatua za kuchukua, kuhifadhi na kujaribu nakala za akiba.",
        summary_en="Schedule and steps for taking, storing and testing backups.",
        owner=ict,
        audience=Audience.STAFF,
        review_every_months=12,
        next_review_date=today + dt.timedelta(days=365),
    )
    if not created:
        return
    version = services.version_create(
        document=document,
        actor=officer,
        body_sw=text.BACKUP_PROCEDURE_SW,
        body_en=text.BACKUP_PROCEDURE_EN,
        effective_date=today + dt.timedelta(days=14),
        change_summary_sw="Toleo la kwanza.",
        change_summary_en="First version.",
    )
    services.version_submit(version=version, actor=officer, note="Tafadhali pitieni kabla ya robo ya tatu.")


def _seed_exceptions(officer, manager, hod, today):
    if PolicyException.objects.exists():
        return
    circular = PolicyDocument.objects.get(slug="waraka-matumizi-bora-tehama")
    health = Department.objects.get(code="AFYA")
    active = services.exception_request(
        document=circular,
        actor=hod,
        department=health,
        scope="3.8 Flash disk",
        justification=(
            "Vituo vya afya vya Mlimba na Chita havina mtandao wa uhakika; ripoti za kila mwezi za GoT-HoMIS "
            "zinahamishwa kwa flash disk hadi makao makuu."
        ),
        compensating_controls="Flash disk mbili tu zilizofichwa kwa nywila, zinazokaguliwa na kinga-virusi kila wiki.",
        starts_on=today - dt.timedelta(days=30),
        expires_on=today + dt.timedelta(days=150),
    )
    services.exception_approve(exception=active, actor=manager, note="Hadi mtandao wa vituo urekebishwe.")
    expired = services.exception_request(
        document=circular,
        actor=officer,
        person=User.objects.get(username="yusuph.chande"),
        scope="3.5 Programu",
        justification="Programu ya michoro ya ujenzi ilihitajika kwa mradi wa jengo la utawala kabla ya kununuliwa rasmi.",
        starts_on=today - dt.timedelta(days=200),
        expires_on=today + dt.timedelta(days=10),
    )
    services.exception_approve(exception=expired, actor=manager, note="")
    PolicyException.objects.filter(pk=expired.pk).update(expires_on=today - dt.timedelta(days=20))
    PolicyExceptionEvent.objects.filter(exception=expired).update(at=_at(today - dt.timedelta(days=200)))
    services.exception_request(
        document=circular,
        actor=officer,
        person=User.objects.get(username="daudi.kapinga"),
        scope="3.9 WhatsApp",
        justification="Kuratibu matokeo ya mitihani ya majaribio na walimu wakuu wa shule za sekondari za mbali.",
        compensating_controls="Hakuna majina ya wanafunzi; takwimu za jumla tu.",
        starts_on=today,
        expires_on=today + dt.timedelta(days=60),
    )
