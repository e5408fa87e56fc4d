import pytest
from django.urls import reverse

from tests.conftest import signed_in


@pytest.mark.django_db
def test_profile_saves_details_and_language(people):
    user = people["staff"]
    client = signed_in(user)
    response = client.post(
        reverse("profile"),
        {
            "first_name": "Joseph",
            "last_name": "Mhagama",
            "email": "joseph@kilomberodc.go.tz",
            "phone": "0754 000 111",
            "job_title": "Afisa Muuguzi",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
    user.refresh_from_db()
    assert (user.phone, user.preferred_language) == ("0754 000 111", "en")
    assert user.history.count() >= 2  # the change is on the person's history


@pytest.mark.django_db
def test_bad_profile_input_is_refused_next_to_the_field_and_changes_nothing(people):
    user = people["staff"]
    before = (user.email, user.phone)
    response = signed_in(user).post(
        reverse("profile"),
        {"first_name": "X", "last_name": "Y", "email": "si-barua-pepe", "phone": "1", "preferred_language": "xx"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address" in html or "barua pepe" in html.lower()
    user.refresh_from_db()
    assert (user.email, user.phone) == before


@pytest.mark.django_db
def test_profile_cannot_change_department_or_roles(people, other_department):
    user = people["staff"]
    signed_in(user).post(
        reverse("profile"),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@b.go.tz",
            "preferred_language": "sw",
            "department": other_department.pk,
            "is_staff": "on",
            "groups": "1",
        },
    )
    user.refresh_from_db()
    assert user.department != other_department and not user.is_staff


@pytest.mark.django_db
def test_logout_is_post_only(people):
    client = signed_in(people["staff"])
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session
