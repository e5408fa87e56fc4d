import pytest
from django.contrib.auth.models import Group

from kilombero_ict.roles import ROLE_GROUPS, Role, has_role, user_roles
from tests.factories import UserFactory


@pytest.mark.django_db
def test_every_role_group_exists_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_GROUPS.values())


@pytest.mark.django_db
def test_ict_officer_group_can_maintain_people_and_places():
    officer = UserFactory(roles=[Role.ICT_OFFICER])
    assert officer.has_perm("kilombero_ict.change_user")
    assert officer.has_perm("kilombero_ict.add_location")
    staff = UserFactory(roles=[Role.STAFF])
    assert not staff.has_perm("kilombero_ict.change_user")


@pytest.mark.django_db
def test_user_roles_reads_groups_once_and_flags_them(django_assert_num_queries):
    hod = UserFactory(roles=[Role.HOD, Role.STAFF])
    hod = type(hod).objects.get(pk=hod.pk)
    with django_assert_num_queries(1):
        roles = user_roles(hod)
        user_roles(hod)
    assert roles.is_hod and roles.is_staff_member and not roles.is_ict
    assert has_role(hod, Role.HOD)
    assert not has_role(hod, Role.TECHNICIAN, Role.ICT_OFFICER)


@pytest.mark.django_db
def test_superuser_counts_as_ict_officer_and_inactive_as_nobody():
    boss = UserFactory(is_superuser=True)
    assert user_roles(boss).is_ict_officer
    gone = UserFactory(roles=[Role.ICT_OFFICER], is_active=False)
    assert user_roles(gone) == set()
