"""The services: the version workflow, acceptance, paper forms, reminders, exceptions and reviews."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from policies import selectors, services
from policies.models import (
    Acknowledgement,
    AcknowledgementReminder,
    ExceptionStatus,
    PolicyException,
    PolicyReview,
    PolicyVersion,
    PolicyVersionEvent,
    ReviewOutcome,
    VersionStatus,
)
from tests.factories import DepartmentFactory, UserFactory

from .factories import PolicyDocumentFactory, accept, draft, publish, shown_hash

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(people):
    return PolicyDocumentFactory(slug="waraka-tehama")


# --- workflow -----------------------------------------------------------------------------------


def test_version_walks_draft_review_approved_published_with_events_and_approver(document, people):
    officer, manager = people["ict_officer"], people["management"]
    version = draft(document, officer)
    assert version.number == 1 and version.status == VersionStatus.DRAFT
    services.version_submit(version=version, actor=officer, note="Tafadhali pitia")
    approved = services.version_approve(version=version, actor=manager, note="Sawa")
    assert approved.approved_by == manager and approved.approved_at is not None
    published = services.version_publish(version=version, actor=officer)
    assert published.status == VersionStatus.PUBLISHED and published.published_by == officer
    moves = list(PolicyVersionEvent.objects.filter(version=version).values_list("from_status", "to_status", "actor"))
    assert moves == [
        ("", "draft", officer.pk),
        ("draft", "in_review", officer.pk),
        ("in_review", "approved", manager.pk),
        ("approved", "published", officer.pk),
    ]


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (services.version_publish, VersionStatus.DRAFT),
        (services.version_publish, VersionStatus.IN_REVIEW),
        (services.version_approve, VersionStatus.DRAFT),
        (services.version_submit, VersionStatus.IN_REVIEW),
    ],
)
def test_transitions_outside_the_table_are_refused(document, people, service, status):
    version = draft(document, people["ict_officer"])
    PolicyVersion.objects.filter(pk=version.pk).update(status=status)
    actor = people["management"] if service is services.version_approve else people["ict_officer"]
    with pytest.raises(ValidationError) as info:
        service(version=version, actor=actor)
    assert info.value.code == "transition"
    assert PolicyVersion.objects.get(pk=version.pk).status == status


def test_only_management_approves_and_only_the_ict_officer_publishes(document, people):
    version = draft(document, people["ict_officer"])
    services.version_submit(version=version, actor=people["ict_officer"])
    for who in ("ict_officer", "staff", "hod", "auditor", "technician"):
        with pytest.raises(ValidationError):
            services.version_approve(version=version, actor=people[who])
    services.version_approve(version=version, actor=people["management"])
    for who in ("management", "staff", "technician"):
        with pytest.raises(ValidationError):
            services.version_publish(version=version, actor=people[who])
    assert PolicyVersion.objects.get(pk=version.pk).status == VersionStatus.APPROVED


def test_the_author_cannot_approve_their_own_version(document, people, department):
    both = UserFactory(username="both", department=department, roles=["ict_officer", "management", "staff"])
    version = draft(document, both)
    services.version_submit(version=version, actor=both)
    with pytest.raises(ValidationError) as info:
        services.version_approve(version=version, actor=both)
    assert info.value.code == "separation"


def test_publishing_supersedes_the_previous_version_in_the_same_transaction(document, people):
    first = publish(document, people)
    second = publish(document, people, is_material=False)
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED and first.superseded_at == second.published_at
    assert PolicyVersion.objects.filter(document=document, status=VersionStatus.PUBLISHED).get() == second
    assert PolicyVersionEvent.objects.filter(version=first, to_status=VersionStatus.SUPERSEDED).exists()


def test_an_older_approved_version_cannot_replace_a_newer_one(document, people):
    officer = people["ict_officer"]
    older = draft(document, officer)
    newer = draft(document, officer)
    for version in (older, newer):
        services.version_submit(version=version, actor=officer)
        services.version_approve(version=version, actor=people["management"])
    services.version_publish(version=newer, actor=officer)
    with pytest.raises(ValidationError) as info:
        services.version_publish(version=older, actor=officer)
    assert info.value.code == "older"


def test_returning_needs_a_reason_and_clears_the_approval(document, people):
    version = draft(document, people["ict_officer"])
    services.version_submit(version=version, actor=people["ict_officer"])
    services.version_approve(version=version, actor=people["management"])
    with pytest.raises(ValidationError):
        services.version_return(version=version, actor=people["management"], note=" ")
    returned = services.version_return(version=version, actor=people["management"], note="Ongeza kanuni ya WhatsApp")
    assert returned.status == VersionStatus.DRAFT and returned.approved_by is None


def test_only_a_draft_text_changes_and_html_is_rendered_again(document, people):
    officer = people["ict_officer"]
    version = draft(document, officer)
    changed = services.version_update(version=version, actor=officer, body_sw="Mpya <script>x()</script> **sana**")
    assert "<strong>sana</strong>" in changed.body_html_sw and "<script" not in changed.body_html_sw
    services.version_submit(version=version, actor=officer)
    with pytest.raises(ValidationError):
        services.version_update(version=version, actor=officer, body_sw="badiliko la siri")
    assert "siri" not in PolicyVersion.objects.get(pk=version.pk).body_sw


def test_a_version_needs_text_in_one_language_at_least(document, people):
    with pytest.raises(ValidationError) as info:
        draft(document, people["ict_officer"], body_sw="", body_en="  ")
    assert "body_sw" in info.value.message_dict
    assert not PolicyVersion.objects.exists()


def test_signed_pdf_attaches_until_published_only(document, people):
    officer = people["ict_officer"]
    version = draft(document, officer)
    services.version_attach_pdf(version=version, actor=officer, pdf=ContentFile(PDF, name="x.pdf"), name="signed.pdf")
    assert PolicyVersion.objects.get(pk=version.pk).signed_pdf_name == "signed.pdf"
    published = publish(document, people)
    with pytest.raises(ValidationError):
        services.version_attach_pdf(version=published, actor=officer, pdf=ContentFile(PDF, name="y.pdf"), name="y.pdf")


def test_submitting_mails_management_after_commit_in_their_language(
    document, people, django_capture_on_commit_callbacks
):
    people["management"].preferred_language = "en"
    people["management"].save()
    version = draft(document, people["ict_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        services.version_submit(version=version, actor=people["ict_officer"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [people["management"].email]
    assert mail.outbox[0].subject.startswith("For approval:")
    assert f"/en/policies/{document.slug}/versions/1/" in mail.outbox[0].body


def test_publishing_a_material_version_mails_everyone_who_must_accept(
    document, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(document, people)
    staff_members = {p.email for k, p in people.items() if k != "no_role"}
    assert staff_members <= {m.to[0] for m in mail.outbox}


# --- acceptance ----------------------------------------------------------------------------------


def test_accepting_records_user_version_time_ip_language_and_hash(document, people):
    version = publish(document, people)
    ack, created = accept(version, people["staff"], language="en", ip="10.1.2.3")
    assert created
    assert ack.user == people["staff"] and ack.version == version and ack.ip_address == "10.1.2.3"
    assert ack.language == "en" and ack.text_sha256 == shown_hash(version, "en") and ack.accepted_at


def test_accepting_twice_changes_nothing_and_says_so(document, people):
    version = publish(document, people)
    first, created = accept(version, people["staff"])
    again, created_again = accept(version, people["staff"], ip="10.9.9.9")
    assert created and not created_again and again.pk == first.pk
    assert Acknowledgement.objects.count() == 1 and again.ip_address == "10.0.0.5"


def test_accepting_a_superseded_version_changes_nothing_and_says_so(document, people):
    first = publish(document, people)
    publish(document, people)
    with pytest.raises(ValidationError) as info:
        accept(first, people["staff"])
    assert info.value.code == "superseded"
    assert "version 2" in info.value.messages[0].lower() or "toleo 2" in info.value.messages[0].lower()
    assert not Acknowledgement.objects.exists()


def test_accepting_a_draft_or_outside_the_audience_is_refused(document, people, other_department):
    version = draft(document, people["ict_officer"])
    with pytest.raises(ValidationError):
        accept(version, people["staff"])
    published = publish(document, people)
    with pytest.raises(ValidationError) as info:
        accept(published, people["no_role"])
    assert info.value.code == "not_audience"
    document.acceptance_departments.set([other_department])
    with pytest.raises(ValidationError):
        accept(published, people["staff"])
    assert not Acknowledgement.objects.exists()


def test_a_hash_of_another_text_is_refused(document, people):
    version = publish(document, people)
    with pytest.raises(ValidationError) as info:
        services.acknowledgement_accept(
            version=version, user=people["staff"], language="sw", shown_sha256="0" * 64, ip_address=None
        )
    assert info.value.code == "stale"
    assert not Acknowledgement.objects.exists()


def test_non_material_versions_keep_earlier_acceptances_and_material_ones_ask_again(document, people):
    staff = people["staff"]
    first = publish(document, people)
    accept(first, staff)
    assert selectors.outstanding_for(staff) == []
    second = publish(document, people, is_material=False)
    assert second.acceptance_baseline_id == first.pk
    assert selectors.outstanding_for(staff) == []
    third = publish(document, people, is_material=True)
    assert third.acceptance_baseline_id == third.pk
    assert [v.pk for v in selectors.outstanding_for(staff)] == [third.pk]
    accept(third, staff)
    assert selectors.outstanding_for(staff) == []


@pytest.mark.django_db(transaction=True)
def test_racing_acceptances_make_one_record(role_groups, people):
    document = PolicyDocumentFactory(slug="mbio")
    version = publish(document, people)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def click():
        try:
            barrier.wait()
            results.append(accept(version, people["staff"])[1])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [False, False, False, True]
    assert Acknowledgement.objects.filter(user=people["staff"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_publications_at_once_leave_one_version_published(role_groups, people):
    document = PolicyDocumentFactory(slug="mbio-mbili")
    officer = people["ict_officer"]
    versions = [draft(document, officer) for _ in range(2)]
    for version in versions:
        services.version_submit(version=version, actor=officer)
        services.version_approve(version=version, actor=people["management"])
    barrier = threading.Barrier(2)
    errors = []

    def go(version):
        try:
            barrier.wait()
            services.version_publish(version=version, actor=officer)
        except ValidationError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(v,)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(PolicyVersion.objects.filter(document=document).values_list("number", "status"))
    assert statuses[1] == (2, VersionStatus.PUBLISHED)
    assert PolicyVersion.objects.filter(document=document, status=VersionStatus.PUBLISHED).count() == 1
    assert len(errors) <= 1


# --- paper acknowledgements ----------------------------------------------------------------------


def test_paper_acknowledgement_is_marked_with_its_form_and_recorder(document, people):
    version = publish(document, people)
    ack = services.acknowledgement_record_paper(
        version=version,
        user=people["staff"],
        actor=people["ict_officer"],
        signed_on=timezone.localdate(),
        language="sw",
        scanned_form=ContentFile(PDF, name="fomu.pdf"),
        scanned_form_name="fomu.pdf",
    )
    assert ack.method == "paper" and ack.recorded_by == people["ict_officer"] and ack.scanned_form
    assert ack.ip_address is None and ack.text_sha256 == shown_hash(version, "sw")
    assert selectors.outstanding_for(people["staff"]) == []


def test_paper_acknowledgement_refuses_duplicates_future_dates_and_other_roles(document, people):
    version = publish(document, people)
    accept(version, people["staff"])
    kwargs = {
        "version": version,
        "actor": people["ict_officer"],
        "language": "sw",
        "scanned_form": ContentFile(PDF, name="f.pdf"),
        "scanned_form_name": "f.pdf",
    }
    with pytest.raises(ValidationError) as info:
        services.acknowledgement_record_paper(user=people["staff"], signed_on=timezone.localdate(), **kwargs)
    assert "user" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.acknowledgement_record_paper(
            user=people["hod"], signed_on=timezone.localdate() + dt.timedelta(days=1), **kwargs
        )
    assert "signed_on" in info.value.message_dict
    with pytest.raises(ValidationError):
        services.acknowledgement_record_paper(
            user=people["hod"], signed_on=timezone.localdate(), **{**kwargs, "actor": people["technician"]}
        )
    assert Acknowledgement.objects.count() == 1


# --- reminders -----------------------------------------------------------------------------------


def test_reminders_go_once_per_period_to_those_outstanding(document, people, django_capture_on_commit_callbacks):
    version = publish(document, people, acceptance_deadline=timezone.localdate() + dt.timedelta(days=10))
    for key in ("hod", "technician", "ict_officer", "management", "auditor"):
        accept(version, people[key])
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.acknowledgement_remind_outstanding()
    assert sent == 1 and [m.to for m in mail.outbox] == [[people["staff"].email]]
    assert document.title_sw in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.acknowledgement_remind_outstanding() == 0
    assert mail.outbox == []
    later = timezone.now() + dt.timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.acknowledgement_remind_outstanding(now=later) == 1
    assert AcknowledgementReminder.objects.filter(user=people["staff"]).count() == 2


# --- exceptions ----------------------------------------------------------------------------------


def _request(document, actor, **overrides):
    today = timezone.localdate()
    fields = {
        "document": document,
        "actor": actor,
        "department": actor.department,
        "scope": "3.8 Flash disk",
        "justification": "Hakuna mtandao kituoni.",
        "starts_on": today,
        "expires_on": today + dt.timedelta(days=90),
    }
    fields.update(overrides)
    return services.exception_request(**fields)


def test_exception_requested_approved_and_revoked_with_approver_and_events(document, people):
    exception = _request(document, people["hod"])
    assert exception.reference.startswith(f"PE-{timezone.localdate().year}-")
    approved = services.exception_approve(exception=exception, actor=people["management"], note="Sawa")
    assert approved.status == ExceptionStatus.APPROVED and approved.decided_by == people["management"]
    assert approved.state_on(timezone.localdate()) == "active"
    assert approved.state_on(approved.expires_on + dt.timedelta(days=1)) == "expired"
    revoked = services.exception_revoke(exception=exception, actor=people["ict_officer"], note="Mtandao umerudi")
    assert revoked.status == ExceptionStatus.REVOKED and revoked.decided_by == people["management"]
    assert list(exception.events.values_list("to_status", flat=True)) == ["requested", "approved", "revoked"]


def test_exception_rules(document, people, other_department):
    today = timezone.localdate()
    with pytest.raises(ValidationError):  # a head only for their own department
        _request(document, people["hod"], department=other_department)
    with pytest.raises(ValidationError):  # staff cannot ask
        _request(document, people["staff"])
    with pytest.raises(ValidationError):  # longer than a year
        _request(document, people["ict_officer"], expires_on=today + dt.timedelta(days=400))
    with pytest.raises(ValidationError):  # both holders
        _request(document, people["ict_officer"], person=people["staff"])
    with pytest.raises(ValidationError):  # ends before it starts
        _request(document, people["ict_officer"], expires_on=today - dt.timedelta(days=1))
    assert not PolicyException.objects.exists()
    requested = _request(document, people["ict_officer"])
    with pytest.raises(ValidationError):
        services.exception_approve(exception=requested, actor=people["ict_officer"])
    with pytest.raises(ValidationError):
        services.exception_reject(exception=requested, actor=people["management"], note="")
    with pytest.raises(ValidationError):
        services.exception_revoke(exception=requested, actor=people["management"], note="x")
    assert PolicyException.objects.get().status == ExceptionStatus.REQUESTED


def test_the_requester_cannot_approve_their_own_exception(document, department):
    both = UserFactory(username="hod.dg", department=department, roles=["hod", "management", "staff"])
    exception = _request(document, both)
    with pytest.raises(ValidationError) as info:
        services.exception_approve(exception=exception, actor=both)
    assert info.value.code == "separation"


# --- reviews -------------------------------------------------------------------------------------


def test_recording_a_review_moves_the_next_review_date_and_keeps_the_old_one(document, people):
    old_due = document.next_review_date
    next_due = timezone.localdate() + dt.timedelta(days=365)
    review = services.document_review_record(
        document=document, actor=people["ict_officer"], outcome=ReviewOutcome.CONFIRMED, next_review_date=next_due
    )
    document.refresh_from_db()
    assert document.next_review_date == next_due and review.previous_due == old_due
    with pytest.raises(ValidationError):
        services.document_review_record(
            document=document, actor=people["ict_officer"], outcome=ReviewOutcome.REVISION, next_review_date=next_due
        )
    with pytest.raises(ValidationError):
        services.document_review_record(
            document=document,
            actor=people["management"],
            outcome=ReviewOutcome.CONFIRMED,
            next_review_date=next_due,
        )
    assert PolicyReview.objects.count() == 1


def test_publishing_sets_the_next_review_one_period_after_the_effective_date(document, people):
    publish(document, people, effective_date=timezone.localdate() + dt.timedelta(days=10))
    document.refresh_from_db()
    assert document.next_review_date == services.add_months(timezone.localdate() + dt.timedelta(days=10), 12)


def test_add_months_clamps_to_the_month_end():
    assert services.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert services.add_months(dt.date(2026, 11, 28), 14) == dt.date(2028, 1, 28)


def test_acceptance_audience_follows_chosen_departments(people):
    finance = DepartmentFactory(code="FEDHA2")
    cashier = UserFactory(username="cashier", department=finance, roles=["staff"])
    document = PolicyDocumentFactory(slug="fedha-tu")
    document.acceptance_departments.set([finance])
    version = publish(document, people)
    assert [v.pk for v in selectors.outstanding_for(cashier)] == [version.pk]
    assert selectors.outstanding_for(people["staff"]) == []
    assert set(selectors.acceptance_population(document)) == {cashier}
