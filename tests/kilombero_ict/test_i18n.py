"""Swahili without a prefix, English under /en/, a switch that keeps the page, the person's language at login."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_home_is_swahili_without_prefix_and_english_under_en(client):
    sw = client.get("/")
    en = client.get("/en/")
    assert sw.status_code == en.status_code == 200
    assert '<html lang="sw">' in sw.content.decode()
    assert "Tunachofanya" in sw.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "What we do" in en.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "language", "expected"),
    [("/about-ict/", "en", "/en/about-ict/"), ("/en/about-ict/", "sw", "/about-ict/"), ("/", "en", "/en/")],
)
def test_language_switch_keeps_the_visitor_on_the_same_page(client, start, language, expected):
    response = client.post(reverse("set_language"), {"language": language, "next": start})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_language_switch_is_on_every_page_and_posts(client):
    html = client.get("/about-ict/").content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in html
    assert 'name="next" value="/about-ict/"' in html
    assert client.get(reverse("set_language")).status_code == 405


@pytest.mark.django_db
def test_login_applies_the_preferred_language(client, department):
    UserFactory(username="amina", preferred_language="en", department=department)
    response = client.post(reverse("login"), {"username": "amina", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/en/"
    client.logout()
    UserFactory(username="juma", preferred_language="sw", department=department)
    response = client.post("/en/accounts/login/", {"username": "juma", "password": PASSWORD, "next": "/en/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_wrong_password_gets_a_swahili_message_and_no_session(client, department):
    UserFactory(username="juma", department=department)
    response = client.post(reverse("login"), {"username": "juma", "password": "si-hii"})
    assert response.status_code == 200
    assert "Jina la mtumiaji au nywila si sahihi" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_speaks_swahili(client):
    sw = client.get("/admin/login/").content.decode()
    en = client.get("/en/admin/login/").content.decode()
    assert 'lang="sw"' in sw and "Ingia" in sw
    assert 'lang="en"' in en and "Log in" in en
