"""The nightly command that ends acceptances past their expiry."""

import pytest
from django.core.management import CommandError, call_command

from risk import services
from risk.models import RiskAcceptance
from risk.models.register import Status

from .factories import in_days, make_risk

pytestmark = pytest.mark.django_db


def test_the_command_expires_what_is_due_and_is_safe_to_run_again(officer, manager, capsys):
    due = services.risk_accept(risk=make_risk(by=officer), by=manager, justification="x", expires_on=in_days(2))
    later = services.risk_accept(risk=make_risk(by=officer), by=manager, justification="x", expires_on=in_days(20))
    call_command("risk_expire_acceptances", date=in_days(3).isoformat())
    out = capsys.readouterr().out
    assert due.risk.reference in out and "1 acceptance(s) expired." in out
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == ("expired", "active")
    assert due.risk.__class__.objects.get(pk=due.risk_id).status == Status.ASSESSED
    call_command("risk_expire_acceptances", date=in_days(3).isoformat())
    assert "0 acceptance(s) expired." in capsys.readouterr().out
    assert RiskAcceptance.objects.filter(status="expired").count() == 1


def test_the_command_uses_today_by_default(officer, manager, capsys):
    services.risk_accept(risk=make_risk(by=officer), by=manager, justification="x", expires_on=in_days(2))
    call_command("risk_expire_acceptances")
    assert "0 acceptance(s) expired." in capsys.readouterr().out


def test_a_bad_date_is_a_clear_error():
    with pytest.raises(CommandError, match="--date must look like"):
        call_command("risk_expire_acceptances", date="28/11/2026")
