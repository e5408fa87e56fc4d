"""Status page, banner, "affects me too", the outage page for ICT staff, availability reports."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from helpdesk.checks import Outcome
from helpdesk.models import HourlyRollup, MonitoredService, Outage
from helpdesk.services.status import service_record_check

from .status_support import make_service

pytestmark = pytest.mark.django_db

DOWN = Outcome(False, 2000, "timeout")
UP = Outcome(True, 20)


def open_outage(code="ffars", *, at=None, **fields):
    service = make_service(code, failure_threshold=1, **fields)
    return service_record_check(service=service, outcome=DOWN, at=at)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("hod", 200), ("technician", 200), ("ict_officer", 200), ("management", 200), ("auditor", 200)],
)
def test_every_role_sees_the_status_page(who, status, people, client_for):
    make_service()
    assert client_for(people[who]).get(reverse("helpdesk:status")).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("helpdesk:status"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_banner_shows_on_the_ticket_form_with_the_time_it_began(people, client_for, clock):
    clock.set(2026, 11, 23, 10, 20)
    open_outage("ffars", name_sw="FFARS")
    clock.set(2026, 11, 23, 11, 0)
    page = client_for(people["staff"]).get(reverse("helpdesk:new")).content.decode()
    assert "FFARS haipatikani tangu 10:20 — ICT inalifuatilia" in page
    assert reverse("helpdesk:outage-affected", args=[Outage.objects.get().pk]) in page


def test_an_outage_from_an_earlier_day_names_the_day(people, client_for, clock):
    clock.set(2026, 11, 22, 16, 5)
    open_outage("muse", name_sw="MUSE")
    clock.set(2026, 11, 23, 8, 0)
    page = client_for(people["staff"]).get(reverse("home")).content.decode()
    assert "MUSE haipatikani tangu 22/11 16:05" in page


def test_no_banner_once_closed_nor_for_services_hidden_from_staff(people, client_for, clock):
    outage = open_outage("ffars")
    service_record_check(service=outage.service, outcome=UP)
    open_outage("backup-link", visible_to_staff=False, name_sw="Kiungo cha akiba")
    staff_page = client_for(people["staff"]).get(reverse("helpdesk:new")).content.decode()
    assert "haipatikani tangu" not in staff_page
    ict_page = client_for(people["technician"]).get(reverse("helpdesk:list")).content.decode()
    assert "Kiungo cha akiba haipatikani tangu" in ict_page
    assert "FFARS haipatikani" not in ict_page


def test_no_banner_for_anonymous_visitors(client, people):
    open_outage()
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home")).content.decode()
    assert "haipatikani tangu" not in page
    assert not any("helpdesk_outage" in q["sql"] for q in captured.captured_queries)


def test_the_banner_costs_one_query_however_many_outages_and_people(people, client_for):
    client = client_for(people["staff"])
    url = reverse("helpdesk:kb")
    before = queries(client, url)
    first = open_outage("ffars")
    with_one = queries(client, url)
    for code in ("muse", "nest", "tausi"):
        outage = open_outage(code)
        outage.affected_users.add(people["hod"], people["auditor"])
    first.affected_users.add(people["staff"])
    with_four = queries(client, url)
    assert before == with_one == with_four  # the banner's one query runs whether or not anything is down


def test_affects_me_too_counts_the_person_once_without_a_ticket(people, client_for):
    outage = open_outage()
    client = client_for(people["staff"])
    url = reverse("helpdesk:outage-affected", args=[outage.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": reverse("helpdesk:new")})
    assert response.status_code == 302 and response["Location"] == reverse("helpdesk:new")
    client.post(url)
    assert list(outage.affected_users.all()) == [people["staff"]]
    page = client.get(reverse("helpdesk:new")).content.decode()
    assert "Umehesabiwa" in page and "mtu 1 ameathirika" in page
    from helpdesk.models import Ticket

    assert not Ticket.objects.exists()


def test_affects_me_too_ignores_an_outside_next_address_and_a_closed_outage(people, client_for):
    outage = open_outage()
    client = client_for(people["hod"])
    url = reverse("helpdesk:outage-affected", args=[outage.pk])
    response = client.post(url, {"next": "https://mbaya.example/"})
    assert response["Location"] == reverse("helpdesk:status")
    service_record_check(service=outage.service, outcome=UP)
    client_for(people["staff"]).post(url)
    assert list(outage.affected_users.all()) == [people["hod"]]


def test_staff_cannot_reach_an_outage_of_a_hidden_service(people, client_for):
    outage = open_outage(visible_to_staff=False)
    response = client_for(people["staff"]).post(reverse("helpdesk:outage-affected", args=[outage.pk]))
    assert response.status_code == 404 and not outage.affected_users.exists()


def test_the_status_page_shows_state_strip_and_outages(people, client_for, clock):
    service = make_service("muse", name_sw="MUSE", created_at=clock.now - dt.timedelta(days=120))
    service_record_check(service=service, outcome=UP)
    outage = open_outage("ffars", name_sw="FFARS")
    page = client_for(people["staff"]).get(reverse("helpdesk:status")).content.decode()
    assert page.count('class="st-cell') == 180
    assert "Inafanya kazi" in page and "Haipatikani" in page
    assert "bado haipatikani" in page  # FFARS in the current outages
    link = f'href="{reverse("helpdesk:outage", args=[outage.pk])}"'
    assert link not in page  # staff get no ICT link
    ict_page = client_for(people["ict_officer"]).get(reverse("helpdesk:status")).content.decode()
    assert link in ict_page


@pytest.mark.parametrize("size", [1, 6])
def test_the_status_page_runs_a_fixed_number_of_queries(size, people, client_for, clock, django_assert_num_queries):
    for index in range(size):
        service = make_service(f"svc-{index}", created_at=clock.now - dt.timedelta(days=100))
        for day in range(size):
            at = clock.now - dt.timedelta(days=day + 1)
            service_record_check(service=service, outcome=DOWN, at=at)
            service_record_check(service=service, outcome=DOWN, at=at + dt.timedelta(minutes=1))
            service_record_check(service=service, outcome=UP, at=at + dt.timedelta(minutes=30))
    open_outage("ffars").affected_users.add(people["staff"])
    client = client_for(people["staff"])
    client.get(reverse("helpdesk:status"))
    # session, user, roles, services, outages, organisation profile, banner
    with django_assert_num_queries(6):
        assert client.get(reverse("helpdesk:status")).status_code == 200


def test_ict_staff_note_and_link_an_outage(people, client_for):
    from risk.models import Risk
    from tests.risk.factories import make_risk

    from .factories import file_ticket

    outage = open_outage()
    ticket = file_ticket(people["staff"])
    risk = make_risk(by=people["ict_officer"])
    client = client_for(people["ict_officer"])
    assert client.get(reverse("helpdesk:outage", args=[outage.pk])).status_code == 200
    client.post(reverse("helpdesk:outage-note", args=[outage.pk]), {"note": "Fibre imekatika Ifakara"})
    client.post(reverse("helpdesk:outage-link-ticket", args=[outage.pk]), {"ticket": ticket.reference.lower()})
    client.post(reverse("helpdesk:outage-link-risk", args=[outage.pk]), {"risk": risk.reference})
    outage.refresh_from_db()
    assert (outage.note, outage.ticket, outage.risk) == ("Fibre imekatika Ifakara", ticket, risk)
    response = client.post(reverse("helpdesk:outage-link-risk", args=[outage.pk]), {"risk": "R-1999-999"}, follow=True)
    assert "Hakuna kihatarishi R-1999-999" in response.content.decode()
    outage.refresh_from_db()
    assert outage.risk == risk and Risk.objects.count() == 1
    page = client.get(reverse("helpdesk:outage", args=[outage.pk])).content.decode()
    assert ticket.reference in page and risk.reference in page


def test_a_bad_ticket_reference_changes_nothing(people, client_for):
    outage = open_outage()
    response = client_for(people["technician"]).post(
        reverse("helpdesk:outage-link-ticket", args=[outage.pk]), {"ticket": "T-2026-99999"}, follow=True
    )
    assert "Hakuna ombi T-2026-99999" in response.content.decode()
    outage.refresh_from_db()
    assert outage.ticket is None


@pytest.mark.parametrize("who", ["staff", "hod", "management", "auditor"])
def test_only_ict_staff_open_the_outage_page_and_its_actions(who, people, client_for):
    outage = open_outage()
    client = client_for(people[who])
    assert client.get(reverse("helpdesk:outage", args=[outage.pk])).status_code == 404
    assert client.post(reverse("helpdesk:outage-note", args=[outage.pk]), {"note": "x"}).status_code == 404
    outage.refresh_from_db()
    assert outage.note == ""


def _month_with_outage(clock):
    clock.set(2026, 11, 28, 12, 0)
    service = make_service("ffars", name_sw="FFARS", created_at=dt.datetime(2026, 10, 1, tzinfo=clock.now.tzinfo))
    # Monday 2 November 2026, 09:00-11:00: two working hours; Saturday 7 November 10:00-11:00: one hour, none working.
    monday = dt.datetime(2026, 11, 2, 9, 0, tzinfo=clock.now.tzinfo)
    saturday = dt.datetime(2026, 11, 7, 10, 0, tzinfo=clock.now.tzinfo)
    Outage.objects.create(service=service, started_at=monday, ended_at=monday + dt.timedelta(hours=2))
    Outage.objects.create(service=service, started_at=saturday, ended_at=saturday + dt.timedelta(hours=1))
    return service


def test_the_monthly_report_counts_outages_overall_and_in_working_hours(people, client_for, clock):
    _month_with_outage(clock)
    response = client_for(people["management"]).get(reverse("helpdesk:status-reports"), {"period": "m2026-11"})
    [row] = response.context["rows"]
    watched = (clock.now - dt.datetime(2026, 11, 1, tzinfo=clock.now.tzinfo)).total_seconds()
    assert row.outages == 2 and row.down_seconds == 3 * 3600 and row.longest == dt.timedelta(hours=2)
    assert row.percent == round(100 * (1 - 3 * 3600 / watched), 2)
    working = 20 * 8 * 3600  # the working days 2-27 November (the 28th is a Saturday)
    assert row.working_down_seconds == 2 * 3600
    assert row.working_percent == round(100 * (1 - 2 * 3600 / working), 2)
    page = response.content.decode()
    assert "saa 3 dak 00" in page and "saa 2 dak 00" in page


def test_the_report_offers_quarters_and_downloads_xlsx(people, client_for, clock):
    _month_with_outage(clock)
    client = client_for(people["auditor"])
    page = client.get(reverse("helpdesk:status-reports")).content.decode()
    assert 'value="q2026-10"' in page and "2026/27 Q2" in page
    response = client.get(reverse("helpdesk:status-reports-export"), {"period": "q2026-10"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "FFARS" and rows[1][3] == 2 and rows[1][4] == 180 and rows[1][5] == 120 and rows[1][6] == 120


def test_an_unknown_period_falls_back_to_this_month(people, client_for, clock):
    _month_with_outage(clock)
    response = client_for(people["ict_officer"]).get(reverse("helpdesk:status-reports"), {"period": "m1999-01"})
    assert response.status_code == 200 and response.context["chosen"][0] == "m2026-11"


@pytest.mark.parametrize("size", [1, 5])
def test_the_report_runs_a_fixed_number_of_queries(size, people, client_for, clock, django_assert_num_queries):
    clock.set(2026, 11, 28, 12, 0)
    for index in range(size):
        service = make_service(f"svc-{index}", created_at=dt.datetime(2026, 1, 1, tzinfo=clock.now.tzinfo))
        for day in range(size):
            start = dt.datetime(2026, 11, day + 2, 9, 0, tzinfo=clock.now.tzinfo)
            Outage.objects.create(service=service, started_at=start, ended_at=start + dt.timedelta(minutes=30))
    client = client_for(people["ict_officer"])
    client.get(reverse("helpdesk:status-reports"))
    # session, user, second-factor device, roles, services, outages, holidays, organisation profile, banner
    with django_assert_num_queries(8):
        assert client.get(reverse("helpdesk:status-reports")).status_code == 200


@pytest.mark.parametrize("who", ["staff", "hod", "technician"])
def test_reports_are_for_ict_and_oversight(who, people, client_for):
    expected = 200 if who == "technician" else 403
    assert client_for(people[who]).get(reverse("helpdesk:status-reports")).status_code == expected


def test_ict_home_lists_open_outages_without_an_extra_query(people, client_for):
    client = client_for(people["technician"])
    outage = open_outage("ffars", name_sw="FFARS")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("home")).content.decode()
    assert reverse("helpdesk:outage", args=[outage.pk]) in page
    assert sum("helpdesk_outage" in q["sql"] for q in captured.captured_queries) == 1


def test_demo_data_is_idempotent_and_has_90_days_of_history(db):
    from helpdesk import demo_status

    demo_status.seed()
    counts = (MonitoredService.objects.count(), Outage.objects.count(), HourlyRollup.objects.count())
    demo_status.seed()
    assert counts == (MonitoredService.objects.count(), Outage.objects.count(), HourlyRollup.objects.count())
    assert counts[0] == 9 and counts[1] >= 9 and counts[2] >= 9 * 90 * 24
    assert Outage.objects.filter(ended_at__isnull=True).count() == 1
    assert set(MonitoredService.objects.filter(is_paused=False).values_list("code", flat=True)) == {
        "gov-mail",
        "website",
    }
