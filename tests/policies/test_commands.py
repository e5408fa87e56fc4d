"""`manage.py policies_remind`, the cron job that reminds staff who have not accepted."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from policies.models import AcknowledgementReminder

from .factories import PolicyDocumentFactory, accept, publish

pytestmark = pytest.mark.django_db


def test_policies_remind_mails_those_outstanding_once_a_week(people, django_capture_on_commit_callbacks):
    version = publish(PolicyDocumentFactory(slug="kumbusha"), people)
    for key in ("hod", "technician", "ict_officer", "management"):
        accept(version, people[key])
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("policies_remind", stdout=out)
    assert "2 e-mail" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["staff"].email, people["auditor"].email])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("policies_remind", stdout=StringIO())
    assert len(mail.outbox) == 2 and AcknowledgementReminder.objects.count() == 2


def test_policies_remind_writes_in_each_persons_language(people, django_capture_on_commit_callbacks):
    people["staff"].preferred_language = "en"
    people["staff"].save()
    version = publish(PolicyDocumentFactory(slug="lugha", title_en="Acceptable Use"), people)
    for key in ("hod", "technician", "ict_officer", "management", "auditor"):
        accept(version, people[key])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("policies_remind", stdout=StringIO())
    assert "Acceptable Use" in mail.outbox[0].body and "/en/policies/mine/" in mail.outbox[0].body


def test_policies_remind_refuses_a_bad_interval():
    with pytest.raises(CommandError):
        call_command("policies_remind", "--every-days", "0", stdout=StringIO())
