"""The audit trail records sign-ins, failures, lockouts, downloads and role changes; only officer and auditor read it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from kilombero_ict.exports import csv_response
from kilombero_ict.models import AuditEvent
from tests.conftest import signed_in
from tests.factories import PASSWORD, UserFactory


def actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", "username"))


@pytest.mark.django_db
def test_sign_in_failures_lockout_and_sign_out_are_recorded(client, department):
    UserFactory(username="juma", department=department)
    client.post(reverse("login"), {"username": "juma", "password": "wrong"})
    client.post(reverse("login"), {"username": "juma", "password": PASSWORD})
    client.post(reverse("logout"))
    assert actions() == [("login_failed", "juma"), ("login", "juma"), ("logout", "juma")]
    for _ in range(5):
        client.post(reverse("login"), {"username": "juma", "password": "wrong"})
    assert AuditEvent.objects.filter(action="lockout", username="juma").exists()
    assert AuditEvent.objects.filter(action="login").first().ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_role_changes_are_recorded(department):
    user = UserFactory(username="neema", department=department)
    user.groups.add(Group.objects.get(name="ICT Officer"))
    event = AuditEvent.objects.get(action="roles_changed")
    assert event.username == str(user) and "+ ICT Officer" in event.detail


@pytest.mark.django_db
def test_downloads_are_recorded(people, rf):
    from kilombero_ict.audit import AuditDownloadsMiddleware

    request = rf.get("/assets/reports/register.csv")
    request.user = people["auditor"]
    AuditDownloadsMiddleware(lambda r: csv_response("register.csv", ["a"], [["1"]]))(request)
    event = AuditEvent.objects.get(action="download")
    assert event.actor == people["auditor"] and "register.csv" in event.detail


@pytest.mark.django_db
def test_only_officer_and_auditor_read_the_trail(people, client):
    AuditEvent.objects.create(action="login", username="<script>alert(1)</script>")
    for who in ("ict_officer", "auditor"):
        response = signed_in(people[who]).get(reverse("audit-trail"), {"action": "login"})
        html = response.content.decode()
        assert response.status_code == 200 and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for who in ("staff", "hod", "technician", "management"):
        assert signed_in(people[who]).get(reverse("audit-trail")).status_code == 403
    assert client.get(reverse("audit-trail")).status_code == 302


@pytest.mark.django_db
def test_audit_trail_page_queries_do_not_grow(people, django_assert_max_num_queries):
    client = signed_in(people["auditor"])
    AuditEvent.objects.bulk_create([AuditEvent(action="login", username=f"u{i}") for i in range(5)])
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("audit-trail"))
    AuditEvent.objects.bulk_create(
        [AuditEvent(action="login", username=f"v{i}", actor=people["staff"]) for i in range(80)]
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("audit-trail"))
