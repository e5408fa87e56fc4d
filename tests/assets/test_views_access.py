"""Every page and action of the register for every role: 302 to sign in, 403, 404 for others' rows, 200, 405.

The expectations come from the access table itself (assets/access.py) plus the row scope of the
selectors: a staff member sees what they hold, a head of department their department's assets,
ICT staff, management and the auditor everything; a row outside one's scope answers 404.
"""

import pytest
from django.test import Client
from django.urls import reverse

from assets import services
from assets.access import ACCESS
from kilombero_ict.access import rule_for

from ..factories import UserFactory
from .factories import AssetFactory, ConsumableItemFactory, LicenceFactory

ROLES = ["anonymous", "staff", "hod", "technician", "ict_officer", "management", "auditor", "no_role"]
POST_ONLY = {
    "assets:handover-accept",
    "assets:licence-release",
    "assets:licence-key",
    "assets:schedule-stop",
    "assets:stocktake-record",
    "assets:stocktake-missing",
}
# Pages about one asset (or its handover): a staff member or head of department gets 404 for someone else's.
SCOPED = {"assets:detail", "assets:qr", "assets:handover"}


@pytest.fixture
def world(people, other_department):
    officer = people["ict_officer"]
    outsider = UserFactory(username="t.outsider", department=other_department)
    mine = AssetFactory()
    mine_handover = services.asset_check_out(actor=officer, asset=mine, user=people["staff"], notify=False)
    theirs = AssetFactory(department=other_department)
    theirs_handover = services.asset_check_out(actor=officer, asset=theirs, user=outsider, notify=False)
    item = ConsumableItemFactory()
    licence = LicenceFactory(seats=3)
    seat = services.licence_assign(actor=officer, licence=licence, user=outsider)
    schedule = services.maintenance_schedule_create(actor=officer, asset=theirs, title="Service", interval_months=6)
    stocktake = services.stocktake_open(actor=officer, department=other_department)
    line = stocktake.lines.get()
    return {
        "mine": mine,
        "theirs": theirs,
        "mine_handover": mine_handover,
        "theirs_handover": theirs_handover,
        "item": item,
        "licence": licence,
        "seat": seat,
        "schedule": schedule,
        "stocktake": stocktake,
        "line": line,
    }


def url_for(name, world, *, own):
    """The URL of `name` about a row the person owns (own=True) or about someone else's."""
    asset = world["mine"] if own else world["theirs"]
    handover = world["mine_handover"] if own else world["theirs_handover"]
    kwargs = {
        "assets:label": {"token": asset.label_token},
        "assets:handover": {"pk": handover.pk},
        "assets:handover-accept": {"pk": handover.pk},
        "assets:consumable-detail": {"pk": world["item"].pk},
        "assets:licence-release": {"pk": world["licence"].pk, "assignment": world["seat"].pk},
        "assets:schedule-stop": {"pk": world["schedule"].pk},
        "assets:stocktake-missing": {"pk": world["stocktake"].pk, "line": world["line"].pk},
        "assets:report": {"slug": "by-status"},
        "assets:report-download": {"slug": "by-status"},
    }.get(name)
    if kwargs is None:
        if name.startswith("assets:consumable-"):
            kwargs = {"pk": world["item"].pk}
        elif name.startswith("assets:licence-"):
            kwargs = {"pk": world["licence"].pk}
        elif name.startswith("assets:stocktake-") or name == "assets:stocktake":
            kwargs = {"pk": world["stocktake"].pk}
        else:
            kwargs = {"pk": asset.pk}
    for simple in (
        "list",
        "export",
        "create",
        "mine",
        "department",
        "labels",
        "consumables",
        "licences",
        "maintenance",
        "stocktakes",
        "reports",
    ):
        if name == f"assets:{simple}":
            kwargs = {}
    if name in ("assets:consumable-create", "assets:licence-create", "assets:stocktake-open"):
        kwargs = {}
    return reverse(name, kwargs=kwargs or None)


def client_as(who, people, client_for):
    return Client() if who == "anonymous" else client_for(people[who])


@pytest.mark.django_db
@pytest.mark.parametrize("who", ROLES)
def test_every_register_page_answers_each_role_as_the_table_says(who, people, client_for, world):
    client = client_as(who, people, client_for)
    user = None if who == "anonymous" else people[who]
    problems = []
    for name in sorted(
        name for name in ACCESS if name.startswith("assets:")
    ):  # procurement: test_procurement_access.py
        if name == "assets:photo":
            continue  # needs a photo; see test_views_register.py
        rule = rule_for(name)
        url = url_for(name, world, own=True)
        status = client.get(url).status_code
        if rule.public:
            expected = {200, 302}
        elif user is None:
            expected = {302}
        elif not rule.allows(user):
            expected = {404 if rule.hide else 403}
        elif name in POST_ONLY:
            expected = {405}
        else:
            expected = {200, 302} if name == "assets:label" else {200}
        if status not in expected:
            problems.append((name, url, status, expected))
    assert not problems, problems


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "hod", "no_role"])
def test_someone_elses_asset_answers_404(who, people, client_for, world):
    client = client_for(people[who])
    for name in SCOPED:
        response = client.get(url_for(name, world, own=False))
        expected = 403 if who == "no_role" else 404
        assert response.status_code == expected, (name, response.status_code)


@pytest.mark.django_db
def test_a_head_of_department_gets_404_for_another_departments_asset(people, client_for, world, other_head):
    hod = client_for(people["hod"])
    assert hod.get(reverse("assets:detail", args=[world["theirs"].pk])).status_code == 404
    assert hod.get(reverse("assets:detail", args=[world["mine"].pk])).status_code == 200
    other = client_for(other_head)
    assert other.get(reverse("assets:detail", args=[world["theirs"].pk])).status_code == 200
    assert other.get(reverse("assets:detail", args=[world["mine"].pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["technician", "ict_officer", "management", "auditor"])
def test_the_whole_register_is_open_to_ict_and_oversight(who, people, client_for, world):
    client = client_for(people[who])
    for name in SCOPED:
        assert client.get(url_for(name, world, own=False)).status_code == 200, name


@pytest.mark.django_db
def test_nothing_changes_on_get(people, client_for, world):
    client = client_for(people["ict_officer"])
    world["mine"].refresh_from_db()
    world["theirs"].refresh_from_db()
    before = (world["mine"].status, world["theirs"].status)
    for name in ("assets:check-in", "assets:retire", "assets:lost", "assets:repair", "assets:dispose", "assets:move"):
        assert client.get(reverse(name, args=[world["mine"].pk])).status_code == 200
    world["mine"].refresh_from_db()
    world["theirs"].refresh_from_db()
    assert (world["mine"].status, world["theirs"].status) == before
    assert world["mine_handover"].accepted_at is None


@pytest.mark.django_db
def test_state_changes_need_the_csrf_token(people, world):
    from assets.models import AssetStatus

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["staff"])
    response = client.post(reverse("assets:handover-accept", args=[world["mine_handover"].pk]))
    assert response.status_code == 403
    world["mine_handover"].refresh_from_db()
    assert world["mine_handover"].accepted_at is None
    world["mine"].refresh_from_db()
    assert world["mine"].status == AssetStatus.DEPLOYED
