"""Ticket pages through the browser's door: who gets what, POST-only changes, bad input, escaping, query counts."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Status, Ticket, TicketAttachment, TicketReply
from tests.conftest import signed_in

from .factories import category, file_ticket, outsider, png, resolved_ticket, worked_ticket

EVIL = '<script>alert("x")</script>'
ROLES = ["staff", "hod", "technician", "ict_officer", "management", "auditor", "no_role"]


def url(name, ticket, **kwargs):
    return reverse(f"helpdesk:{name}", kwargs={"ref": ticket.reference, **kwargs})


@pytest.fixture
def ticket(people):
    """A ticket of the staff member (department AFYA) with a public file and an internal-note file."""
    technician = people["technician"]
    made = worked_ticket(people["staff"], technician, attachments=[png("skrini.png")])
    services.ticket_reply(
        ticket=made, author=technician, body="Dokezo la ndani", is_internal=True, attachments=[png("ndani.png")]
    )
    services.ticket_reply(ticket=made, author=technician, body="Jibu la wazi")
    return Ticket.objects.get(pk=made.pk)


# --- who may open what --------------------------------------------------------------------------

EXPECTED_DETAIL = {
    "staff": 200,  # the requester
    "hod": 200,  # head of the requester's department, read only
    "technician": 200,
    "ict_officer": 200,
    "management": 404,  # a colleague in the same department, not the requester
    "auditor": 404,
    "no_role": 403,
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ROLES)
def test_ticket_page_for_every_role(who, people, ticket):
    response = signed_in(people[who]).get(url("detail", ticket))
    assert response.status_code == EXPECTED_DETAIL[who]


@pytest.mark.django_db
def test_ticket_page_sends_anonymous_visitors_to_sign_in(client, ticket):
    response = client.get(url("detail", ticket))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_another_departments_staff_get_404_for_page_file_search_and_export(people, other_department, ticket):
    finance = signed_in(outsider(other_department))
    public_file = TicketAttachment.objects.get(name="skrini.png")
    assert finance.get(url("detail", ticket)).status_code == 404
    assert finance.get(url("attachment", ticket, pk=public_file.pk)).status_code == 404
    assert finance.post(url("reply", ticket), {"body": "x"}).status_code == 404
    assert (
        ticket.reference not in finance.get(reverse("helpdesk:list"), {"q": "printa", "queue": "all"}).content.decode()
    )
    assert ticket.reference not in b"".join(finance.get(reverse("helpdesk:export")).streaming_content).decode()
    missing = reverse("helpdesk:detail", kwargs={"ref": "T-2026-99999"})
    assert finance.get(missing).status_code == 404


@pytest.mark.django_db
def test_internal_note_and_its_file_are_hidden_from_requester_and_head(people, ticket):
    internal = TicketAttachment.objects.get(name="ndani.png")
    for who in ("staff", "hod"):
        client = signed_in(people[who])
        html = client.get(url("detail", ticket)).content.decode()
        assert "Dokezo la ndani" not in html and "ndani.png" not in html and "Jibu la wazi" in html
        assert client.get(url("attachment", ticket, pk=internal.pk)).status_code == 404
    ict = signed_in(people["technician"])
    assert "Dokezo la ndani" in ict.get(url("detail", ticket)).content.decode()
    response = ict.get(url("attachment", ticket, pk=internal.pk))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_requester_downloads_their_screenshot(people, ticket):
    public_file = TicketAttachment.objects.get(name="skrini.png")
    response = signed_in(people["staff"]).get(url("attachment", ticket, pk=public_file.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_head_of_department_sees_no_action_on_a_colleagues_ticket(people, ticket):
    html = signed_in(people["hod"]).get(url("detail", ticket)).content.decode()
    assert url("reply", ticket) not in html and url("cancel", ticket) not in html
    assert signed_in(people["hod"]).post(url("reply", ticket), {"body": "Nami"}).status_code == 400
    assert not TicketReply.objects.filter(body="Nami").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["assign", "take", "start", "resume", "resolve", "priority", "category", "security"])
@pytest.mark.parametrize("who", ["staff", "hod", "management", "auditor"])
def test_ict_actions_answer_404_to_everyone_else(name, who, people, ticket):
    response = signed_in(people[who]).post(url(name, ticket), {"resolution": "x", "priority": 1, "reason": "x"})
    assert response.status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).status == ticket.status


# --- changes are POST with CSRF; nothing changes on GET ---------------------------------------

ACTIONS = [
    "reply",
    "cancel",
    "confirm",
    "reopen",
    "rate",
    "assign",
    "take",
    "start",
    "resume",
    "resolve",
    "priority",
    "category",
    "security",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ACTIONS)
def test_actions_refuse_get(name, people, ticket):
    before = (ticket.status, ticket.assignee_id, ticket.priority, TicketReply.objects.count())
    response = signed_in(people["ict_officer"]).get(url(name, ticket), {"body": "x", "assignee": ""})
    assert response.status_code == 405
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee_id, ticket.priority, TicketReply.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["reply", "take", "resolve"])
def test_actions_refuse_a_post_without_csrf_token(name, people, ticket):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["ict_officer"])
    response = client.post(url(name, ticket), {"body": "x", "resolution": "x"})
    assert response.status_code == 403
    assert Ticket.objects.get(pk=ticket.pk).status == Status.IN_PROGRESS


@pytest.mark.django_db
def test_filing_form_refuses_get_changes_and_csrf_less_posts(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["staff"])
    data = {"category": category().pk, "subject": "x", "description": "y", "impact": 3, "urgency": 2}
    assert client.post(reverse("helpdesk:new"), data).status_code == 403
    client.get(reverse("helpdesk:new"), data)
    assert not Ticket.objects.exists()


# --- filing -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_filing_in_two_steps_offers_articles_then_files(people):
    from .factories import article

    article(people["technician"], slug="printa", title_sw="Printa inakwamisha karatasi")
    client = signed_in(people["staff"])
    step1 = client.get(reverse("helpdesk:new"))
    assert step1.status_code == 200 and 'name="subject"' in step1.content.decode()
    step2 = client.get(reverse("helpdesk:new"), {"subject": "printa karatasi"})
    html = step2.content.decode()
    assert "Printa inakwamisha karatasi" in html and 'value="printa karatasi"' in html
    response = client.post(
        reverse("helpdesk:new"),
        {
            "category": category().pk,
            "subject": "Printa inakwamisha karatasi",
            "description": "Kila karatasi ya pili inakwama.",
            "impact": 2,
            "urgency": 2,
            "attachments": [png()],
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", ticket)
    assert ticket.requester == people["staff"] and ticket.attachments.count() == 1


@pytest.mark.django_db
def test_bad_filing_input_is_explained_next_to_the_field_and_saves_nothing(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in(people["staff"])
    fake = SimpleUploadedFile("picha.png", b"MZ\x90\x00 not an image")
    big = SimpleUploadedFile("kubwa.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(
        reverse("helpdesk:new"),
        {
            "category": category().pk,
            "subject": "",
            "description": "",
            "impact": 9,
            "urgency": 2,
            "attachments": [fake, big],
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"subject", "description", "impact", "attachments"}
    assert any("picha.png" in e for e in form.errors["attachments"])
    assert any("kubwa.pdf" in e for e in form.errors["attachments"])
    assert not Ticket.objects.exists() and not TicketAttachment.objects.exists()


@pytest.mark.django_db
def test_ict_staff_file_on_behalf_of_a_caller(people):
    client = signed_in(people["technician"])
    response = client.post(
        reverse("helpdesk:new"),
        {
            "requester": people["staff"].pk,
            "category": category().pk,
            "subject": "Simu: printa",
            "description": "Amepiga simu.",
            "impact": 3,
            "urgency": 2,
            "is_security_incident": "on",
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert ticket.requester == people["staff"] and ticket.filed_by == people["technician"]
    assert ticket.is_security_incident


@pytest.mark.django_db
def test_requesters_cannot_file_for_others(people):
    client = signed_in(people["staff"])
    client.post(
        reverse("helpdesk:new"),
        {
            "requester": people["hod"].pk,
            "category": category().pk,
            "subject": "x",
            "description": "y",
            "impact": 3,
            "urgency": 2,
            "is_security_incident": "on",
        },
    )
    ticket = Ticket.objects.get()
    assert ticket.requester == people["staff"] and not ticket.is_security_incident


# --- markup is shown as text everywhere ---------------------------------------------------------


@pytest.mark.django_db
def test_markup_in_subject_description_reply_and_file_name_is_shown_as_text(people):
    technician = people["technician"]
    made = worked_ticket(
        people["staff"],
        technician,
        subject=EVIL,
        description=EVIL,
        attachments=[png("<img src=x onerror=alert(1)>.png")],
    )
    services.ticket_reply(ticket=made, author=technician, body=EVIL)
    pages = [
        signed_in(people["staff"]).get(url("detail", made)),
        signed_in(technician).get(url("detail", made)),
        signed_in(technician).get(reverse("helpdesk:list"), {"queue": "all"}),
        signed_in(people["staff"]).get(reverse("home")),
    ]
    for response in pages:
        html = response.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, response.request["PATH_INFO"]
        assert "&lt;script&gt;" in html or "&lt;img" in html


@pytest.mark.django_db
def test_exports_neutralise_formulas(people):
    file_ticket(people["staff"], subject='=HYPERLINK("http://evil")')
    body = b"".join(signed_in(people["staff"]).get(reverse("helpdesk:export")).streaming_content).decode()
    assert "'=HYPERLINK" in body
    xlsx = signed_in(people["staff"]).get(reverse("helpdesk:export"), {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


# --- lists, search and query counts -------------------------------------------------------------


def count_queries(client, path, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries.captured_queries)


def grow(people, n, **kwargs):
    for i in range(n):
        file_ticket(people["staff"], subject=f"Printa namba {i}", **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "hod", "technician"])
@pytest.mark.parametrize(
    "params",
    [{}, {"queue": "all"}, {"queue": "all", "q": "printa"}, {"queue": "all", "sla": "on_track", "order": "due"}],
)
def test_list_and_search_run_a_fixed_number_of_queries(who, params, people, django_assert_num_queries):
    client = signed_in(people[who])
    worked_ticket(people["staff"], people["technician"])
    small = count_queries(client, reverse("helpdesk:list"), params)
    grow(people, 55)
    with django_assert_num_queries(small):
        response = client.get(reverse("helpdesk:list"), params)
    assert small <= 15
    assert len(response.context["rows"]) == 50  # at most 50 rows a page
    assert response.context["page"].has_next()


@pytest.mark.django_db
def test_ticket_page_runs_a_fixed_number_of_queries(people, ticket, django_assert_num_queries):
    for who in ("staff", "technician"):
        client = signed_in(people[who])
        small = count_queries(client, url("detail", ticket))
        TicketReply.objects.bulk_create(
            TicketReply(ticket=ticket, author=people["technician"], body=f"jibu {i}", is_internal=i % 2 == 0)
            for i in range(40)
        )
        for _ in range(5):
            services.ticket_reply(ticket=ticket, author=people["technician"], body="na faili", attachments=[png()])
        with django_assert_num_queries(small):
            client.get(url("detail", ticket))
        assert small <= 15


@pytest.mark.django_db
def test_search_finds_subject_description_and_public_replies_only(people):
    technician = people["technician"]
    a = file_ticket(people["staff"], subject="Skana haifanyi kazi")
    b = file_ticket(people["staff"], description="Kompyuta ya mapokezi inapiga kelele")
    c = worked_ticket(people["staff"], technician, subject="Tatizo")
    services.ticket_reply(ticket=c, author=technician, body="Tumebadilisha feni ya kompyuta")
    d = worked_ticket(people["staff"], technician, subject="Jingine")
    services.ticket_reply(ticket=d, author=technician, body="nenosiri-la-seva", is_internal=True)

    def found(client, words):
        response = client.get(reverse("helpdesk:list"), {"queue": "all", "q": words})
        return {t.reference for t, _sla in response.context["rows"]}

    staff, ict = signed_in(people["staff"]), signed_in(technician)
    assert found(staff, "skana") == {a.reference}
    assert found(staff, "kelele") == {b.reference}
    assert found(staff, "feni") == {c.reference}
    assert found(staff, "kompyu") == {b.reference, c.reference}  # prefix
    assert found(staff, "nenosiri") == set()  # internal notes are not searched for non-ICT users
    assert found(ict, "nenosiri") == {d.reference}
    assert found(staff, a.reference.lower()) == {a.reference}


@pytest.mark.django_db
def test_bad_filters_are_reported_and_never_crash(people):
    client = signed_in(people["technician"])
    response = client.get(
        reverse("helpdesk:list"),
        {
            "status": "gone",
            "priority": "x",
            "order": "-password",
            "created_from": "2026-13-45",
            "queue": "hack",
            "page": "9999",
            "assignee": "drop table",
        },
    )
    assert response.status_code == 400
    assert {"status", "priority", "order", "created_from", "assignee"} <= set(response.context["form"].errors)


@pytest.mark.django_db
def test_queues_for_ict_staff(people):
    technician = people["technician"]
    file_ticket(people["staff"], subject="Haijachukuliwa")
    worked_ticket(people["staff"], technician, subject="Yangu")
    client = signed_in(technician)
    unassigned = client.get(reverse("helpdesk:list"), {"queue": "unassigned"}).context["rows"]
    mine = client.get(reverse("helpdesk:list"), {"queue": "mine"}).context["rows"]
    assert [t.subject for t, _ in unassigned] == ["Haijachukuliwa"]
    assert [t.subject for t, _ in mine] == ["Yangu"]


# --- the "Done when", as a new user would try it ----------------------------------------


@pytest.mark.django_db
def test_done_when(people, other_department, django_capture_on_commit_callbacks):
    from django.core import mail

    staff, technician = people["staff"], people["technician"]
    requester = signed_in(staff)
    # staff.health files a request with a screenshot, in Swahili.
    with django_capture_on_commit_callbacks(execute=True):
        response = requester.post(
            reverse("helpdesk:new"),
            {
                "category": category("computer").pk,
                "subject": "Kompyuta haiwaki",
                "description": "Skrini inabaki nyeusi.",
                "impact": 3,
                "urgency": 1,
                "attachments": [png()],
            },
        )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and ticket.status == Status.NEW
    assert "Ombi lako" in requester.get(url("detail", ticket)).content.decode()
    # technician picks it up, writes an internal note and a public reply.
    ict = signed_in(technician)
    with django_capture_on_commit_callbacks(execute=True):
        assert ict.post(url("take", ticket)).status_code == 302
        assert ict.post(url("start", ticket)).status_code == 302
        assert (
            ict.post(url("reply", ticket), {"body": "Waya umelegea, nakuja.", "is_internal": "on"}).status_code == 302
        )
        assert ict.post(url("reply", ticket), {"body": "Fundi anakuja ofisini saa nne."}).status_code == 302
        assert ict.post(url("resolve", ticket), {"resolution": "Waya wa skrini umebadilishwa."}).status_code == 302
    # staff.health sees the reply but not the note, and rates the resolution.
    html = requester.get(url("detail", ticket)).content.decode()
    assert "Fundi anakuja ofisini saa nne." in html and "Waya umelegea" not in html
    assert requester.post(url("rate", ticket), {"score": 5, "comment": "Asante"}).status_code == 302
    assert requester.post(url("confirm", ticket)).status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED and ticket.rating.score == 5
    assert ticket.first_response_at is not None and ticket.resolution_seconds is not None
    # mail to the requester: received, the reply, resolved - never the note.
    bodies = [m.body for m in mail.outbox if m.to == [staff.email]]
    assert len(bodies) == 3 and not any("Waya umelegea" in b for b in bodies)
    # staff.finance cannot open the ticket or its attachment.
    finance = signed_in(outsider(other_department, "t.finance"))
    assert finance.get(url("detail", ticket)).status_code == 404
    attachment = ticket.attachments.get()
    assert finance.get(url("attachment", ticket, pk=attachment.pk)).status_code == 404
    # the reports reflect it.
    report = signed_in(people["ict_officer"]).get(reverse("helpdesk:reports")).context["report"]
    assert report.totals["filed"] == 1 and report.totals["resolved"] == 1
    assert report.satisfaction["average"] == 5


@pytest.mark.django_db
def test_requester_flow_buttons_follow_the_state(people):
    ticket = resolved_ticket(people["staff"], people["technician"])
    html = signed_in(people["staff"]).get(url("detail", ticket)).content.decode()
    assert url("confirm", ticket) in html and url("reopen", ticket) in html and url("rate", ticket) in html
    response = signed_in(people["staff"]).post(url("reopen", ticket), {"reason": ""})
    assert response.status_code == 400 and "reason" in response.context["reopen_form"].errors
    assert Ticket.objects.get(pk=ticket.pk).status == Status.RESOLVED


@pytest.mark.django_db
def test_canned_response_fills_the_reply_in_the_requesters_language(people, ticket):
    from helpdesk.models import CannedResponse

    canned = CannedResponse.objects.create(
        title_sw="Tumepokea", body_sw="Habari {name}, ombi {reference} limepokelewa."
    )
    response = signed_in(people["technician"]).get(url("detail", ticket), {"canned": canned.pk})
    body = response.context["reply_form"].initial["body"]
    assert ticket.reference in body and body.startswith("Habari ")
