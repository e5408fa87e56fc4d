"""Mail carries user text as text: escaped in HTML, plain in the text part; nothing internal leaks."""

import pytest
from django.core import mail

from helpdesk import services

from .factories import file_ticket, worked_ticket

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_markup_in_subject_and_replies_is_escaped_in_html_mail(people, django_capture_on_commit_callbacks):
    technician = people["technician"]
    with django_capture_on_commit_callbacks(execute=True):
        ticket = worked_ticket(people["staff"], technician, subject=EVIL, description=EVIL)
        services.ticket_reply(ticket=ticket, author=technician, body=EVIL)
        services.ticket_resolve(ticket=ticket, actor=technician, resolution=EVIL)
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert "<script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html
        assert EVIL in message.body  # the plain text part carries it as typed
        assert "\n" not in message.subject


@pytest.mark.django_db
def test_breach_digest_escapes_subjects(people, clock, django_capture_on_commit_callbacks):
    file_ticket(people["staff"], subject=EVIL, impact=1, urgency=1)
    clock.advance(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_escalate_breaches()
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_no_internal_note_text_reaches_the_requester_by_mail(people, django_capture_on_commit_callbacks):
    technician = people["technician"]
    with django_capture_on_commit_callbacks(execute=True):
        ticket = worked_ticket(people["staff"], technician)
        services.ticket_reply(ticket=ticket, author=technician, body="SIRI-YA-NDANI", is_internal=True)
        services.ticket_resolve(ticket=ticket, actor=technician, resolution="Imetatuliwa")
    to_requester = [m for m in mail.outbox if m.to == [people["staff"].email]]
    assert to_requester and all("SIRI-YA-NDANI" not in m.body + m.alternatives[0][0] for m in to_requester)
