import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from kilombero_ict.models import Department, Location, PublicHoliday, User
from kilombero_ict.roles import Role, user_roles

DEMO_ACCOUNTS = ["ictofficer", "technician", "hod.health", "staff.health", "staff.finance", "manager", "auditor"]


def counts():
    return {
        "departments": Department.objects.count(),
        "locations": Location.objects.count(),
        "users": User.objects.count(),
        "memberships": User.groups.through.objects.count(),
        "holidays": PublicHoliday.objects.count(),
        "groups": Group.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_twice_leaves_the_same_counts(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first["departments"] >= 11 and first["locations"] >= 10


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_accounts_with_their_roles(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_ACCOUNTS)}
    assert set(users) == set(DEMO_ACCOUNTS)
    assert all(u.check_password("kilombero-demo") for u in users.values())
    assert user_roles(users["ictofficer"]).is_ict_officer and users["ictofficer"].is_staff
    assert user_roles(users["technician"]).is_technician
    assert user_roles(users["hod.health"]).is_hod and users["hod.health"].department.code == "AFYA"
    assert user_roles(users["staff.health"]) == {Role.STAFF}
    assert users["staff.finance"].department.code == "FEDHA"
    assert user_roles(users["manager"]).is_management
    assert user_roles(users["auditor"]).is_auditor
    assert not users["staff.health"].is_staff


@pytest.mark.django_db
def test_seed_demo_refuses_production_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo", verbosity=0)
    assert not Department.objects.exists()
    call_command("seed_demo", "--force", verbosity=0)
    assert Department.objects.exists()


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_a_filled_database_alone(settings):
    settings.DEBUG = True
    Department.objects.create(code="OWN", name_sw="Idara Yetu")
    call_command("seed_demo", "--if-empty", verbosity=0)
    assert Department.objects.count() == 1
