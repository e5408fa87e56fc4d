"""The ticket services: guards, transitions, timeline events, SLA side effects and mail."""

import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from helpdesk import services
from helpdesk.models import (
    OutboundMail,
    Priority,
    Status,
    Ticket,
    TicketAttachment,
    TicketEvent,
    TicketRating,
    TicketReply,
)
from kilombero_ict.roles import Role
from tests.factories import DepartmentFactory, UserFactory

from .factories import category, docx, file_ticket, outsider, pdf, png, resolved_ticket, worked_ticket


def kinds(ticket):
    return list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", "from_value", "to_value"))


@pytest.mark.django_db
def test_filing_gives_a_yearly_reference_priority_event_and_an_acknowledgement(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = file_ticket(people["staff"], attachments=[png(), pdf(), docx()], impact=1, urgency=2)
    assert re.fullmatch(r"T-\d{4}-\d{5}", ticket.reference)
    assert ticket.priority == Priority.HIGH and ticket.status == Status.NEW
    assert ticket.department == people["staff"].department and ticket.filed_by == people["staff"]
    assert kinds(ticket) == [("created", "", "new")]
    assert sorted(TicketAttachment.objects.filter(ticket=ticket).values_list("name", flat=True)) == [
        "barua.pdf",
        "ripoti.docx",
        "skrini.png",
    ]
    stored = TicketAttachment.objects.filter(ticket=ticket).first()
    assert "skrini" not in stored.file.name and stored.file.name.startswith("helpdesk/attachments/")
    assert [m.to for m in mail.outbox] == [[people["staff"].email]]
    assert ticket.reference in mail.outbox[0].subject
    assert OutboundMail.objects.get().sent_at is not None


@pytest.mark.django_db
def test_references_follow_each_other(people):
    first = file_ticket(people["staff"])
    second = file_ticket(people["staff"])
    assert int(second.reference[-5:]) == int(first.reference[-5:]) + 1


# Transactional: tests/conftest.py puts back the categories and roles made by data migrations after the flush.
@pytest.mark.django_db(transaction=True)
def test_references_are_unique_when_filed_at_the_same_instant():
    from helpdesk.models import Category

    department = DepartmentFactory(code="AFYA")
    requesters = [UserFactory(username=f"t.same{i}", department=department, roles=[Role.STAFF]) for i in range(4)]
    printer = Category.objects.get(code="printer")
    barrier = threading.Barrier(len(requesters))
    references, errors = [], []

    def file(person):
        try:
            barrier.wait()
            ticket = services.ticket_file(
                filed_by=person, category=printer, subject="Printa", description="Imekwama", impact=3, urgency=2
            )
            references.append(ticket.reference)
        except Exception as exc:  # pragma: no cover - shown if it happens
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(p,)) for p in requesters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(references)) == len(requesters)


@pytest.mark.django_db
def test_only_ict_staff_file_for_someone_else_or_flag_security(people):
    with pytest.raises(ValidationError):
        file_ticket(people["staff"], filed_by=people["hod"])
    with pytest.raises(ValidationError):
        file_ticket(people["staff"], is_security_incident=True)
    assert not Ticket.objects.exists()
    ticket = file_ticket(people["staff"], filed_by=people["technician"], is_security_incident=True)
    assert ticket.requester == people["staff"] and ticket.filed_by == people["technician"]
    assert ticket.is_security_incident
    assert TicketEvent.objects.get(ticket=ticket, kind="security").is_internal


@pytest.mark.django_db
def test_filing_refuses_bad_files_and_saves_nothing(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("picha.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as info:
        file_ticket(people["staff"], attachments=[png(), fake])
    assert "attachments" in info.value.message_dict
    assert not Ticket.objects.exists() and not TicketAttachment.objects.exists()


@pytest.mark.django_db
def test_filing_refuses_an_inactive_category(people):
    printer = category("printer")
    printer.is_active = False
    printer.save()
    with pytest.raises(ValidationError) as info:
        file_ticket(people["staff"])
    assert "category" in info.value.message_dict


@pytest.mark.django_db
def test_assign_take_back_and_reassign_write_events_and_mail_the_assignee(people, django_capture_on_commit_callbacks):
    officer, technician = people["ict_officer"], people["technician"]
    ticket = file_ticket(people["staff"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ticket = services.ticket_assign(ticket=ticket, actor=officer, assignee=technician, note="Ofisi ya Afya")
    assert ticket.status == Status.ASSIGNED and ticket.assignee == technician
    assert [m.to for m in mail.outbox] == [[technician.email]]
    ticket = services.ticket_start(ticket=ticket, actor=technician)
    ticket = services.ticket_assign(ticket=ticket, actor=technician, assignee=officer)
    assert ticket.status == Status.ASSIGNED  # the new assignee starts again
    ticket = services.ticket_assign(ticket=ticket, actor=officer, assignee=None)
    assert ticket.status == Status.NEW and ticket.assignee is None
    assert [k for k, *_ in kinds(ticket)] == [
        "created",
        "status",
        "assignee",
        "status",
        "status",
        "assignee",
        "status",
        "assignee",
    ]


@pytest.mark.django_db
def test_assign_refuses_non_ict_actors_and_assignees(people):
    ticket = file_ticket(people["staff"])
    with pytest.raises(ValidationError):
        services.ticket_assign(ticket=ticket, actor=people["hod"], assignee=people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_assign(ticket=ticket, actor=people["technician"], assignee=people["staff"])
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW and ticket.assignee is None


@pytest.mark.django_db
def test_public_reply_is_the_first_response_and_is_mailed(people, django_capture_on_commit_callbacks):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(ticket=ticket, author=technician, body="Tunakuja ofisini.")
    ticket.refresh_from_db()
    assert ticket.first_response_at is not None and ticket.first_response_seconds is not None
    assert [m.to for m in mail.outbox] == [[people["staff"].email]]
    assert "Tunakuja ofisini." in mail.outbox[0].body


@pytest.mark.django_db
def test_internal_note_is_never_mailed_and_is_not_a_first_response(people, django_capture_on_commit_callbacks):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(
            ticket=ticket, author=technician, body="Siri: seva ya kanda", is_internal=True, attachments=[png("log.png")]
        )
    ticket.refresh_from_db()
    assert mail.outbox == [] and not OutboundMail.objects.filter(ticket=ticket, kind="reply").exists()
    assert ticket.first_response_at is None and ticket.status == Status.IN_PROGRESS
    assert TicketAttachment.objects.get(name="log.png").is_internal


@pytest.mark.django_db
def test_only_ict_staff_write_internal_notes(people):
    ticket = worked_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_reply(ticket=ticket, author=people["staff"], body="x", is_internal=True)
    assert not TicketReply.objects.exists()


@pytest.mark.django_db
def test_a_head_of_department_reads_but_cannot_reply_to_a_colleagues_ticket(people):
    ticket = worked_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_reply(ticket=ticket, author=people["hod"], body="Nami naona hivyo.")
    with pytest.raises(ValidationError):
        services.ticket_cancel(ticket=Ticket.objects.get(pk=ticket.pk), actor=people["hod"])


@pytest.mark.django_db
def test_requester_answer_resumes_a_waiting_ticket_and_tells_the_assignee(people, django_capture_on_commit_callbacks):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician)
    services.ticket_reply(ticket=ticket, author=technician, body="Namba ya lebo?", ask_requester=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(ticket=ticket, author=people["staff"], body="KDC-ICT-0142")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert [m.to for m in mail.outbox] == [[technician.email]]


@pytest.mark.django_db
def test_asking_the_requester_needs_the_ticket_taken(people):
    ticket = file_ticket(people["staff"])
    with pytest.raises(ValidationError):
        services.ticket_reply(ticket=ticket, author=people["technician"], body="?", ask_requester=True)
    assert not TicketReply.objects.exists()


@pytest.mark.django_db
def test_resolve_writes_a_public_answer_and_mails_the_requester(people, django_capture_on_commit_callbacks):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ticket = services.ticket_resolve(ticket=ticket, actor=technician, resolution="Roli mpya imewekwa.")
    assert ticket.status == Status.RESOLVED and ticket.resolved_at and ticket.resolution_seconds is not None
    assert ticket.first_response_at == ticket.resolved_at
    assert TicketReply.objects.get(ticket=ticket).body == "Roli mpya imewekwa."
    assert [m.to for m in mail.outbox] == [[people["staff"].email]]


@pytest.mark.django_db
def test_resolve_needs_a_text_and_a_worked_ticket(people):
    technician = people["technician"]
    with pytest.raises(ValidationError):
        services.ticket_resolve(ticket=file_ticket(people["staff"]), actor=technician, resolution="Imekwisha")
    ticket = worked_ticket(people["staff"], technician)
    with pytest.raises(ValidationError):
        services.ticket_resolve(ticket=ticket, actor=technician, resolution="   ")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


@pytest.mark.django_db
def test_requester_confirms_and_the_ticket_closes(people):
    ticket = resolved_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_confirm(ticket=ticket, actor=people["hod"])
    ticket = services.ticket_confirm(ticket=ticket, actor=people["staff"])
    assert ticket.status == Status.CLOSED and ticket.closed_at
    with pytest.raises(ValidationError):
        services.ticket_reopen(ticket=ticket, actor=people["staff"], reason="Bado")


@pytest.mark.django_db
def test_requester_reopens_within_seven_days_only(people, clock):
    ticket = resolved_ticket(people["staff"], people["technician"])
    clock.advance(days=7, minutes=1)
    with pytest.raises(ValidationError):
        services.ticket_reopen(ticket=ticket, actor=people["staff"], reason="Bado haifanyi kazi")
    clock.advance(days=-1)
    ticket = services.ticket_reopen(ticket=ticket, actor=people["staff"], reason="Bado haifanyi kazi")
    assert ticket.status == Status.IN_PROGRESS and ticket.resolved_at is None
    assert TicketReply.objects.filter(ticket=ticket, body="Bado haifanyi kazi").exists()


@pytest.mark.django_db
def test_reopen_needs_a_reason(people):
    ticket = resolved_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError) as info:
        services.ticket_reopen(ticket=ticket, actor=people["staff"], reason="")
    assert "reason" in info.value.message_dict


@pytest.mark.django_db
def test_requester_cancels_only_while_new(people):
    ticket = file_ticket(people["staff"])
    assert services.ticket_cancel(ticket=ticket, actor=people["staff"]).status == Status.CANCELLED
    other = worked_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_cancel(ticket=other, actor=people["staff"])


@pytest.mark.django_db
def test_ict_cancels_with_a_reason_that_the_requester_receives(people, django_capture_on_commit_callbacks):
    ticket = worked_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_cancel(ticket=ticket, actor=people["technician"], reason="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_cancel(ticket=ticket, actor=people["technician"], reason="Ombi hili ni la pili; angalia T-1.")
    assert "Ombi hili ni la pili" in mail.outbox[0].body
    assert TicketEvent.objects.get(ticket=ticket, to_value="cancelled").note == "Ombi hili ni la pili; angalia T-1."


@pytest.mark.django_db
def test_rating_is_once_by_the_requester_from_1_to_5(people):
    ticket = resolved_ticket(people["staff"], people["technician"])
    with pytest.raises(ValidationError):
        services.ticket_rate(ticket=ticket, actor=people["hod"], score=5)
    with pytest.raises(ValidationError):
        services.ticket_rate(ticket=ticket, actor=people["staff"], score=6)
    services.ticket_rate(ticket=ticket, actor=people["staff"], score=4, comment="Asante")
    with pytest.raises(ValidationError):
        services.ticket_rate(ticket=ticket, actor=people["staff"], score=5)
    assert TicketRating.objects.get(ticket=ticket).score == 4
    assert TicketEvent.objects.filter(ticket=ticket, kind="rated").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_ratings_at_the_same_instant_leave_one():
    department = DepartmentFactory(code="AFYA")
    requester = UserFactory(username="t.rater", department=department, roles=[Role.STAFF])
    technician = UserFactory(username="t.tech", department=department, roles=[Role.TECHNICIAN])
    ticket = resolved_ticket(requester, technician)
    barrier = threading.Barrier(2)
    outcomes = []

    def rate(score):
        try:
            barrier.wait()
            services.ticket_rate(ticket=ticket, actor=requester, score=score)
            outcomes.append("rated")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(s,)) for s in (3, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["rated", "refused"]
    assert TicketRating.objects.filter(ticket=ticket).count() == 1


@pytest.mark.django_db
def test_priority_change_needs_a_reason_and_moves_the_due_times(people, clock):
    technician = people["technician"]
    ticket = worked_ticket(people["staff"], technician, impact=3, urgency=3)  # low
    old_due = ticket.resolution_due
    with pytest.raises(ValidationError):
        services.ticket_set_priority(ticket=ticket, actor=technician, priority=Priority.CRITICAL, reason="")
    with pytest.raises(ValidationError):
        services.ticket_set_priority(ticket=ticket, actor=people["staff"], priority=Priority.CRITICAL, reason="x")
    ticket = services.ticket_set_priority(
        ticket=ticket, actor=technician, priority=Priority.CRITICAL, reason="Ofisi nzima imesimama"
    )
    assert ticket.priority == Priority.CRITICAL and ticket.resolution_due < old_due
    assert ticket.sla_resolution_minutes == 240
    event = TicketEvent.objects.get(ticket=ticket, kind="priority")
    assert (event.from_value, event.to_value, event.note) == ("4", "1", "Ofisi nzima imesimama")


@pytest.mark.django_db
def test_category_change_and_security_flag_are_events(people):
    technician = people["technician"]
    ticket = file_ticket(people["staff"])
    services.ticket_set_category(ticket=ticket, actor=technician, category=category("network"))
    services.ticket_flag_security(ticket=ticket, actor=technician, is_security_incident=True, note="Virusi")
    ticket.refresh_from_db()
    assert ticket.category.code == "network" and ticket.is_security_incident
    assert ("category", "printer", "network") in kinds(ticket)
    assert TicketEvent.objects.get(ticket=ticket, kind="security").is_internal
    with pytest.raises(ValidationError):
        services.ticket_flag_security(ticket=ticket, actor=people["staff"], is_security_incident=False)


@pytest.mark.django_db
def test_no_service_skips_the_transition_table(people):
    technician = people["technician"]
    ticket = resolved_ticket(people["staff"], technician)
    services.ticket_confirm(ticket=ticket, actor=people["staff"])
    for call in (
        lambda t: services.ticket_start(ticket=t, actor=technician),
        lambda t: services.ticket_resume(ticket=t, actor=technician),
        lambda t: services.ticket_resolve(ticket=t, actor=technician, resolution="x"),
        lambda t: services.ticket_assign(ticket=t, actor=technician, assignee=people["ict_officer"]),
        lambda t: services.ticket_cancel(ticket=t, actor=technician, reason="x"),
        lambda t: services.ticket_reply(ticket=t, author=technician, body="x"),
    ):
        with pytest.raises(ValidationError):
            call(Ticket.objects.get(pk=ticket.pk))
    assert Ticket.objects.get(pk=ticket.pk).status == Status.CLOSED


@pytest.mark.django_db
def test_mail_goes_out_in_the_recipients_language(people, other_department, django_capture_on_commit_callbacks):
    english = outsider(other_department, "t.english")
    english.preferred_language = "en"
    english.save()
    with django_capture_on_commit_callbacks(execute=True):
        file_ticket(english)
        file_ticket(people["staff"])
    assert "Your request was received" in mail.outbox[0].subject
    assert "Ombi lako limepokelewa" in mail.outbox[1].subject
    assert "/en/helpdesk/" in mail.outbox[0].body and "/en/" not in mail.outbox[1].body


@pytest.mark.django_db
def test_people_without_an_address_get_no_mail_and_the_ticket_is_saved(people):
    people["staff"].email = ""
    people["staff"].save()
    ticket = file_ticket(people["staff"])
    assert Ticket.objects.filter(pk=ticket.pk).exists()
    assert not OutboundMail.objects.exists()
