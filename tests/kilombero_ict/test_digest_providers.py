"""The daily digest built from every app's reminders, and the portal search across every app."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assets.models import Asset
from helpdesk.models import Ticket
from kilombero_ict import reminders
from kilombero_ict.search import search_everything
from risk.models import Risk
from tests.assets.factories import AssetFactory
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.helpdesk.factories import file_ticket, resolved_ticket, worked_ticket
from tests.policies.factories import PolicyDocumentFactory, accept, draft, publish
from tests.risk.factories import make_action, make_risk


def pending_work(people, index=0):
    """One of each thing the digest reports, for known people."""
    today = timezone.localdate()
    officer, technician, staff = people["ict_officer"], people["technician"], people["staff"]
    confirm = resolved_ticket(staff, technician, subject=f"Printa {index} imekwama")
    unassigned = file_ticket(staff, subject=f"Barua pepe {index} haifanyi kazi")
    late = worked_ticket(staff, technician, subject=f"MUSE {index} haifunguki")
    Ticket.objects.filter(pk=late.pk).update(resolution_breached=True)
    risk = make_risk(
        by=officer, owner=people["hod"], title_sw=f"Seva {index} kuzimika", title_en=f"Server {index} down"
    )
    Risk.objects.filter(pk=risk.pk).update(next_review_on=today - dt.timedelta(days=2))
    action = make_action(risk=risk, by=officer, owner=people["technician"], due_on=today + dt.timedelta(days=3))
    asset = AssetFactory(warranty_end=today + dt.timedelta(days=10), serial_number=f"SN-{index}-XYZ")
    PolicyDocumentFactory(next_review_date=today - dt.timedelta(days=5), acceptance_required=False)
    return {"confirm": confirm, "unassigned": unassigned, "late": late, "risk": risk, "action": action, "asset": asset}


@pytest.fixture
def circular(people):
    document = PolicyDocumentFactory(
        slug="matumizi-bora", title_sw="Waraka wa matumizi bora", title_en="Acceptable use"
    )
    version = publish(document, people)
    for who in ("staff", "technician", "ict_officer", "management", "auditor"):
        accept(version, people[who])
    return version  # only the head of department still has to accept it


def _mail_for(user):
    found = [message for message in mail.outbox if message.to == [user.email]]
    assert len(found) == 1, f"{user.username}: {len(found)} mails"
    return found[0].body


@pytest.mark.django_db
def test_the_digest_gathers_every_apps_reminders_once_a_day(people, circular, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people["hod"].preferred_language = "en"
    people["hod"].save()
    work = pending_work(people)
    nobody = UserFactory(username="t.nothing", department=people["staff"].department, roles=["staff"])
    accept(circular, nobody)

    call_command("send_reminders")

    staff = _mail_for(people["staff"])
    assert work["confirm"].reference in staff and work["late"].reference not in staff
    technician = _mail_for(people["technician"])
    assert work["unassigned"].reference in technician and work["late"].reference in technician
    assert work["risk"].reference in technician  # their treatment action is due within 7 days
    officer = _mail_for(people["ict_officer"])
    for expected in (work["late"].reference, work["unassigned"].reference, work["risk"].reference, work["asset"].tag):
        assert expected in officer
    hod = _mail_for(people["hod"])
    assert "Acceptable use" in hod and work["risk"].reference in hod and "Server 0 down" in hod  # in English
    assert not [m for m in mail.outbox if m.to == [nobody.email]]  # nothing pending, no mail
    assert not [m for m in mail.outbox if m.to == [people["no_role"].email]]
    sent = len(mail.outbox)

    call_command("send_reminders")  # the same day again: nothing new
    assert len(mail.outbox) == sent


@pytest.mark.django_db
def test_collecting_the_digest_makes_a_fixed_number_of_queries(people, circular):
    today = timezone.localdate()
    counts = []
    for index in (0, 1, 2):
        pending_work(people, index)
        if index == 1:
            continue
        with CaptureQueriesContext(connection) as queries:
            collected = reminders.collect(today)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert len([key for item in collected[people["ict_officer"].pk] for key in [item.key] if "warranty" in key]) == 3


@pytest.mark.django_db
def test_portal_search_finds_each_kind_by_its_reference_or_words(people, circular):
    work = pending_work(people)
    technician = people["technician"]

    def kinds(query, user=technician):
        return {kind: [r.title for r in results] for kind, results in search_everything(user, query)}

    assert any(work["asset"].tag in t for t in kinds(work["asset"].tag)["Mali"])
    assert any(work["asset"].tag in t for t in kinds("SN-0-XYZ")["Mali"])
    assert kinds(work["late"].reference)["Maombi ya msaada"] == [f"{work['late'].reference} MUSE 0 haifunguki"]
    assert len(kinds("barua pepe")["Maombi ya msaada"]) == 1
    assert kinds(work["risk"].reference)["Vihatarishi"] == [f"{work['risk'].reference} Seva 0 kuzimika"]
    assert kinds("matumizi bora")["Sera"] == ["Waraka wa matumizi bora"]
    response = signed_in(technician).get(reverse("portal-search"), {"q": work["late"].reference})
    assert response.status_code == 200 and work["late"].reference in response.content.decode()


@pytest.mark.django_db
def test_search_results_are_limited_to_what_the_searcher_may_see(people, department, other_department, circular):
    work = pending_work(people)
    outsider = UserFactory(username="t.nje", department=other_department, roles=["staff"])
    theirs = file_ticket(outsider, subject="Kompyuta ya Fedha imeharibika")
    document = PolicyDocumentFactory(slug="rasimu", title_sw="Rasimu ya sera ya nywila", title_en="Password draft")
    draft(document, people["ict_officer"])

    staff = people["staff"]
    found = dict(search_everything(staff, "Kompyuta ya Fedha"))
    assert not found  # another department's ticket
    assert dict(search_everything(outsider, "Kompyuta ya Fedha"))  # its requester finds it
    assert theirs.reference
    assert not dict(search_everything(staff, work["risk"].reference))  # not their risk
    assert not dict(search_everything(people["technician"], "Rasimu ya sera"))  # a draft is not in force
    assert Asset.objects.filter(serial_number="SN-0-XYZ").exists()
    assert not dict(search_everything(staff, "SN-0-XYZ"))  # not equipment they hold
    assert signed_in(staff).get(reverse("portal-search"), {"q": "printa"}).status_code == 403
