"""The same form sent twice (double click, back and resend) makes one row; filings at the same instant stay distinct."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from helpdesk.models import Ticket, TicketReply
from risk.models import Risk
from tests.helpdesk.factories import category, file_ticket


def filing(key, **extra):
    return {
        "category": category("printer").pk,
        "subject": "Printa haichapishi",
        "description": "Inaonyesha taa nyekundu.",
        "impact": 1,
        "urgency": 2,
        "submission_key": key,
        **extra,
    }


@pytest.mark.django_db
def test_a_request_sent_twice_is_filed_once(people, client_for):
    client = client_for(people["staff"])
    form = client.get(reverse("helpdesk:new"), {"subject": "Printa"}).content.decode()
    assert 'name="submission_key"' in form
    key = str(uuid.uuid4())
    first = client.post(reverse("helpdesk:new"), filing(key))
    second = client.post(reverse("helpdesk:new"), filing(key))
    assert Ticket.objects.count() == 1
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    client.post(reverse("helpdesk:new"), filing(str(uuid.uuid4())))
    assert Ticket.objects.count() == 2  # a new form is a new request


@pytest.mark.django_db
def test_someone_elses_key_creates_nothing_and_says_so(people, client_for):
    key = str(uuid.uuid4())
    client_for(people["staff"]).post(reverse("helpdesk:new"), filing(key))
    response = client_for(people["hod"]).post(reverse("helpdesk:new"), filing(key))
    assert response.status_code == 400 and Ticket.objects.count() == 1


@pytest.mark.django_db
def test_a_reply_sent_twice_is_added_once(people, client_for):
    ticket = file_ticket(people["staff"])
    client = client_for(people["staff"])
    key = str(uuid.uuid4())
    for _ in range(2):
        client.post(
            reverse("helpdesk:reply", args=[ticket.reference]), {"body": "Bado haifanyi.", "submission_key": key}
        )
    assert TicketReply.objects.filter(ticket=ticket).count() == 1


@pytest.mark.django_db
def test_a_risk_recorded_twice_is_recorded_once(people, client_for):
    from risk.models import RiskCategory

    client = client_for(people["ict_officer"])
    key = str(uuid.uuid4())
    data = {
        "submission_key": key,
        "title_sw": "Kukatika kwa umeme",
        "category": RiskCategory.objects.first().pk,
        "owner": people["ict_officer"].pk,
        "cause_sw": "Umeme wa TANESCO si wa uhakika.",
        "event_sw": "Seva zinazima ghafla.",
        "consequence_sw": "Huduma zinasimama.",
        "identified_on": "2026-11-20",
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "current_likelihood": 3,
        "current_impact": 4,
        "target_likelihood": 2,
        "target_impact": 3,
    }
    first = client.post(reverse("risk:create"), data)
    second = client.post(reverse("risk:create"), data)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert Risk.objects.count() == 1 and first["Location"] == second["Location"]


@pytest.mark.django_db(transaction=True)
def test_two_sends_racing_each_other_file_one_request(people):
    key = str(uuid.uuid4())
    barrier = threading.Barrier(2)
    codes = []

    def send():
        client = Client()
        client.force_login(people["staff"])
        barrier.wait()
        codes.append(client.post(reverse("helpdesk:new"), filing(key)).status_code)
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302, 302]
    assert Ticket.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_hundred_requests_filed_at_the_same_moment_get_a_hundred_references(people):
    requester, errors, references = people["staff"], [], []
    workers, per_worker = 20, 5  # 20 connections at once; 100 filings in all
    barrier = threading.Barrier(workers)

    def work():
        try:
            barrier.wait()
            for _ in range(per_worker):
                references.append(file_ticket(requester, subject="Mtandao umekatika").reference)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    assert len(references) == 100 and len(set(references)) == 100
    assert Ticket.objects.count() == 100
