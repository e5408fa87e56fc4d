"""The daily digest (one mail per person, once a day, in their language) and the portal-wide search."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kilombero_ict import reminders, search
from kilombero_ict.models import ReminderDigest
from kilombero_ict.reminders import Reminder
from kilombero_ict.search import SearchResult
from tests.conftest import signed_in

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def two_providers(people, monkeypatch):
    staff, hod = people["staff"], people["hod"]
    hod.preferred_language = "en"
    hod.save()

    def tickets(today):
        yield staff.pk, Reminder("t:1", _("Support requests"), _("Welcome, %(name)s"), {"name": "<Juma>"}, "home")
        yield hod.pk, Reminder("t:2", _("Support requests"), _("Password changed"), url_name="profile")

    def policies(today):
        yield staff.pk, Reminder("p:1", _("Policies"), _("Read the policies"))
        yield staff.pk, Reminder("p:1", _("Policies"), _("Read the policies"))  # duplicate key: once

    monkeypatch.setattr(reminders, "_providers", lambda: (tickets, policies))
    return staff, hod


@pytest.mark.django_db
def test_one_digest_per_person_in_their_language_and_never_twice_a_day(two_providers):
    staff, hod = two_providers
    call_command("send_reminders", verbosity=0)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {staff.email, hod.email}
    staff_mail = by_recipient[staff.email]
    assert "Karibu, <Juma>" in staff_mail.body  # plain text: the name is carried as typed
    assert staff_mail.body.count("Soma sera") == 1
    assert "Password changed" in by_recipient[hod.email].body
    assert "http://127.0.0.1:8000/en/accounts/profile/" in by_recipient[hod.email].body
    mail.outbox.clear()
    call_command("send_reminders", verbosity=0)
    assert mail.outbox == []
    assert ReminderDigest.objects.count() == 2


@pytest.mark.django_db
def test_nobody_with_nothing_pending_gets_mail(people, monkeypatch):
    monkeypatch.setattr(reminders, "_providers", lambda: ())
    assert reminders.digest_send(today=TODAY)["sent"] == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_is_retried_by_the_next_run(two_providers, monkeypatch):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", lambda self, *a, **k: (_ for _ in ()).throw(OSError("mail server down")))
    counts = reminders.digest_send(today=TODAY)
    assert counts["failed"] == 2 and not ReminderDigest.objects.exists()
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert reminders.digest_send(today=TODAY)["sent"] == 2


@pytest.mark.django_db
def test_portal_search_is_for_ict_staff_and_groups_results(people, client, monkeypatch):
    seen = []

    def assets(user, query, limit):
        seen.append((user.username, query))
        return [SearchResult("Assets", "KDC/ICT/2026/00042 <laptop>", "/assets/42/", "Dell")]

    monkeypatch.setattr(search, "app_functions", lambda module, function: (assets,))
    response = signed_in(people["technician"]).get(reverse("portal-search"), {"q": "  00042  "})
    html = response.content.decode()
    assert response.status_code == 200 and "KDC/ICT/2026/00042 &lt;laptop&gt;" in html
    assert seen == [("t.technician", "00042")]
    for who in ("staff", "hod", "management", "auditor"):
        assert signed_in(people[who]).get(reverse("portal-search"), {"q": "x"}).status_code == 403
    assert client.get(reverse("portal-search")).status_code == 302
