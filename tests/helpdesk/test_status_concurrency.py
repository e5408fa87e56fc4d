"""Two watchers recording the same failure at once open one outage and send one e-mail; "affects me too" twice counts once."""

import threading

import pytest
from django.core import mail
from django.db import connection

from helpdesk.checks import Outcome
from helpdesk.models import Outage
from helpdesk.services.status import outage_add_affected, service_record_check

from .status_support import make_service


def run_together(target, count=2):
    barrier = threading.Barrier(count)
    errors = []

    def work():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_watchers_at_once_open_one_outage_and_send_one_mail(people):
    service = make_service(failure_threshold=2)
    errors = run_together(lambda: service_record_check(service=service, outcome=Outcome(False, 1, "timeout")))
    assert errors == []
    assert Outage.objects.filter(service=service).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_affects_me_too_sent_twice_at_once_counts_once(people):
    service = make_service(failure_threshold=1)
    outage = service_record_check(service=service, outcome=Outcome(False, 1, "timeout"))
    errors = run_together(lambda: outage_add_affected(outage=outage, user=people["staff"]))
    assert errors == []
    assert outage.affected_users.count() == 1
