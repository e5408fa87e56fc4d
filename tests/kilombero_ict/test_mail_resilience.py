"""An unreachable mail server never breaks an action: the message waits and is sent later."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kilombero_ict.mail import MAX_ATTEMPTS, queued_mail_send
from kilombero_ict.models import QueuedMail


class DownBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("not connected")


@pytest.fixture
def server_down(settings):
    settings.EMAIL_BACKEND = "kilombero_ict.mail.ResilientEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "tests.kilombero_ict.test_mail_resilience.DownBackend"
    return settings


@pytest.mark.django_db
def test_a_password_reset_succeeds_while_the_mail_server_is_down_and_the_mail_follows(server_down, client, people):
    user = people["staff"]
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302  # the person is told the mail is on its way
    queued = QueuedMail.objects.get()
    assert queued.recipients == user.email and queued.attempts == 1
    assert "reset" in queued.data["body"] or "/accounts/password/reset/" in queued.data["body"]

    # Still down at the next cron run: kept, tried again later.
    queued_mail_send(now=timezone.now() + timezone.timedelta(minutes=10))
    queued.refresh_from_db()
    assert queued.attempts == 2 and QueuedMail.objects.count() == 1

    # The server is back: the command sends it and forgets it.
    server_down.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    QueuedMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail", verbosity=0)
    assert not QueuedMail.objects.exists()
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].body == queued.data["body"]


@pytest.mark.django_db
def test_html_alternatives_and_attachments_survive_the_queue(server_down):
    message = mail.EmailMultiAlternatives("Somo", "Maandishi", "tehama@example.go.tz", ["a@example.go.tz"])
    message.attach_alternative("<p>Maandishi</p>", "text/html")
    message.attach("ripoti.csv", b"a,b\n1,2\n", "text/csv")
    assert message.send() == 1
    server_down.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    QueuedMail.objects.update(next_attempt_at=timezone.now())
    assert queued_mail_send()["sent"] == 1
    sent = mail.outbox[0]
    assert sent.alternatives[0][0] == "<p>Maandishi</p>"
    assert sent.attachments[0][0] == "ripoti.csv" and sent.attachments[0][1] in (b"a,b\n1,2\n", "a,b\n1,2\n")


@pytest.mark.django_db
def test_the_queue_gives_up_after_the_last_attempt(server_down):
    mail.send_mail("Somo", "Maandishi", "tehama@example.go.tz", ["a@example.go.tz"])
    QueuedMail.objects.update(attempts=MAX_ATTEMPTS - 1, next_attempt_at=timezone.now())
    assert queued_mail_send()["given_up"] == 1
    assert queued_mail_send(now=timezone.now() + timezone.timedelta(days=30))["failed"] == 0  # no more tries
    assert QueuedMail.objects.get().attempts == MAX_ATTEMPTS  # kept for the ICT officer to see
