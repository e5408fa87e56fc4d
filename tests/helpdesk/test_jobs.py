"""Cron work through its commands: SLA escalation once per breach, closing resolved tickets, retrying mail."""

import datetime as dt
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.management import call_command

from helpdesk import services
from helpdesk.models import OutboundMail, Status, Ticket, TicketEvent

from .factories import file_ticket, resolved_ticket, worked_ticket


def run(command):
    out = StringIO()
    call_command(command, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_escalate_tells_the_ict_officer_about_each_breach_once(people, clock, django_capture_on_commit_callbacks):
    ticket = file_ticket(people["staff"], impact=1, urgency=1)  # critical: first response in 30 minutes
    clock.advance(minutes=29)
    assert "No new SLA breaches" in run("helpdesk_escalate")
    clock.advance(minutes=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        output = run("helpdesk_escalate")
    assert ticket.reference in output
    assert [m.to for m in mail.outbox] == [[people["ict_officer"].email]]
    assert ticket.reference in mail.outbox[0].body
    ticket.refresh_from_db()
    assert ticket.response_breached and ticket.response_breach_notified_at == clock.now
    event = TicketEvent.objects.get(ticket=ticket, kind="sla_breach")
    assert event.is_internal and event.to_value == "response" and event.actor is None
    with django_capture_on_commit_callbacks(execute=True):
        assert "No new SLA breaches" in run("helpdesk_escalate")
    assert len(mail.outbox) == 1
    clock.advance(hours=4)  # the resolution target passes too: a second, different breach
    with django_capture_on_commit_callbacks(execute=True):
        run("helpdesk_escalate")
    assert len(mail.outbox) == 2
    assert TicketEvent.objects.filter(ticket=ticket, kind="sla_breach").count() == 2


@pytest.mark.django_db
def test_escalate_leaves_waiting_tickets_alone(people, clock):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician, impact=1, urgency=1)
    services.ticket_reply(ticket=ticket, author=technician, body="Swali", ask_requester=True)
    clock.advance(days=3)
    run("helpdesk_escalate")
    ticket.refresh_from_db()
    assert not ticket.resolution_breached and ticket.status == Status.WAITING


@pytest.mark.django_db
def test_resolved_tickets_close_after_five_working_days(people, clock):
    clock.set(2026, 11, 23, 10, 0)  # Monday
    ticket = resolved_ticket(people["staff"], people["technician"])
    clock.set(2026, 11, 30, 9, 59)  # next Monday, 4 working days and 23.5 hours later
    assert "closed: 0" in run("helpdesk_close_resolved")
    clock.set(2026, 11, 30, 10, 0)
    assert "closed: 1" in run("helpdesk_close_resolved")
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED and ticket.closed_at == clock.now
    event = TicketEvent.objects.filter(ticket=ticket, kind="status").last()
    assert event.actor is None and event.to_value == "closed"


@pytest.mark.django_db
def test_a_failed_send_is_kept_and_retried_by_the_command(
    people, clock, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail.backends.locmem import EmailBackend

    def broken(self, messages):
        raise SMTPException("mail server unreachable")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    with django_capture_on_commit_callbacks(execute=True):
        ticket = file_ticket(people["staff"])
    assert Ticket.objects.filter(pk=ticket.pk).exists()  # the ticket is never lost
    row = OutboundMail.objects.get()
    assert row.sent_at is None and row.attempts == 1 and "unreachable" in row.last_error
    assert "still to retry: 1" in run("helpdesk_send_mail")  # not due yet: nothing tried
    assert OutboundMail.objects.get().attempts == 1
    monkeypatch.undo()
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now + dt.timedelta(minutes=6))
    assert "Mail sent: 1" in run("helpdesk_send_mail")
    assert OutboundMail.objects.get().sent_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_mail_gives_up_after_the_last_attempt(people, monkeypatch):
    file_ticket(people["staff"])
    OutboundMail.objects.update(attempts=OutboundMail.MAX_ATTEMPTS)
    out, err = StringIO(), StringIO()
    call_command("helpdesk_send_mail", stdout=out, stderr=err)
    assert "given up: 1" in out.getvalue() and "failed 8 times" in err.getvalue()
