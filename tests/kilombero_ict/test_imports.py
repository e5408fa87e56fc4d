"""Staff lists, departments and locations import in the admin, matched on their natural keys."""

import pytest
import tablib
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from kilombero_ict.models import Department, Location, User
from kilombero_ict.resources import DepartmentResource, LocationResource, UserResource
from tests.conftest import signed_in


def dataset(headers, *rows):
    return tablib.Dataset(*rows, headers=headers)


USER_HEADERS = ["username", "first_name", "last_name", "email", "department", "roles"]


@pytest.mark.django_db
def test_imported_user_has_no_usable_password_and_gets_staff_role(department):
    data = dataset(USER_HEADERS, ["neema.k", "Neema", "Kilawe", "neema@kilomberodc.go.tz", "AFYA", ""])
    result = UserResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    user = User.objects.get(username="neema.k")
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Staff"]
    assert user.department == department


@pytest.mark.django_db
def test_reimport_updates_instead_of_duplicating(department, other_department):
    UserResource().import_data(dataset(USER_HEADERS, ["neema.k", "Neema", "K", "n@x.go.tz", "AFYA", "Staff"]))
    user = User.objects.get(username="neema.k")
    user.set_password("a-real-password-1")
    user.save()
    result = UserResource().import_data(
        dataset(USER_HEADERS, ["neema.k", "Neema", "Kilawe", "n@x.go.tz", "FEDHA", "Staff, Head of Department"])
    )
    assert not result.has_validation_errors()
    assert User.objects.filter(username="neema.k").count() == 1
    user.refresh_from_db()
    assert user.last_name == "Kilawe" and user.department == other_department
    assert user.check_password("a-real-password-1")  # a re-import never touches a password
    assert set(user.groups.values_list("name", flat=True)) == {"Staff", "Head of Department"}


@pytest.mark.django_db
def test_a_bad_row_is_reported_with_its_reason_and_nothing_is_saved(department):
    data = dataset(
        USER_HEADERS,
        ["ok.person", "Ok", "Person", "ok@x.go.tz", "AFYA", ""],
        ["bad.dept", "Bad", "Dept", "bad@x.go.tz", "HAIPO", ""],
        ["bad.role", "Bad", "Role", "role@x.go.tz", "AFYA", "Mfalme"],
    )
    result = UserResource().import_data(data, dry_run=False, use_transactions=True)
    assert result.has_validation_errors()
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert "department" in errors[2] and "HAIPO" in str(errors[2]["department"])
    assert "roles" in errors[3] and "Mfalme" in str(errors[3]["roles"])
    assert not User.objects.filter(username__in=["ok.person", "bad.dept", "bad.role"]).exists()


@pytest.mark.django_db
def test_departments_and_locations_import_on_their_codes():
    DepartmentResource().import_data(
        dataset(["code", "name_sw", "name_en", "kind"], ["AFYA", "Afya", "Health", "department"])
    )
    LocationResource().import_data(
        dataset(
            ["code", "name", "kind", "parent", "department"],
            ["HQ", "Makao Makuu", "headquarters", "", "AFYA"],
            ["HQ-STORE", "Stoo", "other", "HQ", "AFYA"],
        )
    )
    DepartmentResource().import_data(
        dataset(["code", "name_sw", "name_en", "kind"], ["AFYA", "Afya na Lishe", "Health", "department"])
    )
    assert Department.objects.get().name_sw == "Afya na Lishe"
    assert Location.objects.get(code="HQ-STORE").parent.code == "HQ"


@pytest.mark.django_db
def test_exports_neutralise_spreadsheet_formulas(department):
    User.objects.create(username="evil", first_name='=HYPERLINK("http://x")', last_name="+1", department=department)
    exported = UserResource().export(User.objects.filter(username="evil"))
    row = dict(zip(exported.headers, exported[0], strict=True))
    assert row["first_name"] == '\'=HYPERLINK("http://x")'
    assert row["last_name"] == "'+1"


@pytest.mark.django_db
def test_ict_officer_imports_a_csv_through_the_admin_with_a_preview(people):
    client = signed_in(people["ict_officer"])
    csv_text = "username,first_name,last_name,email,department,roles\nasha.m,Asha,Mussa,asha@x.go.tz,AFYA,\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("staff.csv", csv_text.encode("utf-8-sig"), content_type="text/csv")
    response = client.post(
        reverse("admin:kilombero_ict_user_import"),
        {"resource": "0", "import_file": upload, "format": "0"},
    )
    assert response.status_code == 200
    assert "asha.m" in response.content.decode()
    assert not User.objects.filter(username="asha.m").exists()  # the preview saves nothing
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:kilombero_ict_user_process_import"), confirm.initial)
    assert response.status_code == 302
    assert User.objects.filter(username="asha.m").exists()


@pytest.mark.django_db
def test_imported_person_sets_a_password_through_the_reset_mail(department, client, django_capture_on_commit_callbacks):
    UserResource().import_data(dataset(USER_HEADERS, ["asha.m", "Asha", "M", "asha@x.go.tz", "AFYA", ""]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "asha@x.go.tz"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "asha.m" in mail.outbox[0].body
    assert Group.objects.get(name="Staff").user_set.filter(username="asha.m").exists()


@pytest.mark.django_db
def test_admin_action_sends_password_setup_mail(people, department, django_capture_on_commit_callbacks):
    UserResource().import_data(dataset(USER_HEADERS, ["asha.m", "Asha", "M", "asha@x.go.tz", "AFYA", ""]))
    target = User.objects.get(username="asha.m")
    client = signed_in(people["ict_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:kilombero_ict_user_changelist"),
            {"action": "send_password_setup", "_selected_action": [target.pk]},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["asha@x.go.tz"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body
