"""Sign-in defences: lockout after failed passwords, two-factor for ICT staff and the admin, security headers."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kilombero_ict.roles import Role
from tests.conftest import password_only_login, signed_in
from tests.factories import PASSWORD, UserFactory


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_from_that_address_for_15_minutes(client, department):
    UserFactory(username="juma", department=department)
    for _ in range(5):
        client.post(reverse("login"), {"username": "juma", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "juma", "password": PASSWORD})
    assert response.status_code == 429
    assert "dakika 15" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out of the same account.
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("login"), {"username": "juma", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_technician_must_give_a_second_factor_before_any_page(client, department):
    tech = UserFactory(username="fundi", department=department, roles=[Role.TECHNICIAN])
    device = TOTPDevice.objects.create(user=tech, name="phone", confirmed=True)
    response = client.post(reverse("login"), {"username": "fundi", "password": PASSWORD})
    assert response.status_code == 302
    for url in (reverse("home"), reverse("profile"), "/admin/"):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("two_factor")), url
    right = client.post(reverse("two_factor"), {"token": current_code(device), "next": "/accounts/profile/"})
    assert right.status_code == 302 and right["Location"] == "/accounts/profile/"
    assert client.get(reverse("profile")).status_code == 200
    other = client.__class__()
    other.post(reverse("login"), {"username": "fundi", "password": PASSWORD})
    wrong = other.post(reverse("two_factor"), {"token": "000000", "next": "/"})
    assert wrong.status_code == 400
    assert other.get(reverse("home")).status_code == 302  # still waiting for the second factor


@pytest.mark.django_db
def test_ict_officer_without_a_device_sets_one_up_and_gets_recovery_codes(client, department):
    officer = UserFactory(username="afisa", department=department, roles=[Role.ICT_OFFICER], is_staff=True)
    password_only_login(client, officer)
    page = client.get(reverse("two_factor"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    response = client.post(reverse("two_factor"), {"token": current_code(device), "next": "/admin/"})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert client.get("/admin/").status_code == 200
    # A recovery code works once in a new session.
    fresh = client.__class__()
    password_only_login(fresh, officer)
    code = response.context["codes"][0]
    assert fresh.post(reverse("two_factor"), {"token": code, "next": "/"}).status_code == 302
    again = client.__class__()
    password_only_login(again, officer)
    assert again.post(reverse("two_factor"), {"token": code, "next": "/"}).status_code == 400


@pytest.mark.django_db
def test_two_factor_is_optional_for_staff_and_can_be_switched_off(people):
    staff = people["staff"]
    client = signed_in(staff)
    assert client.get(reverse("home")).status_code == 200  # no second factor asked
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    client.post(reverse("two_factor"), {"token": current_code(device), "next": "/"})
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.post(reverse("two_factor_disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()


@pytest.mark.django_db
def test_ict_staff_cannot_switch_two_factor_off(people):
    tech = people["technician"]
    client = signed_in(tech)
    client.post(reverse("two_factor_disable"))
    assert TOTPDevice.objects.filter(user=tech).exists()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    assert "<script>" not in html and " onclick=" not in html and " style=" not in html


def test_sessions_end_after_two_idle_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 3600 and settings.SESSION_REFRESH_SECONDS == 300


@pytest.mark.django_db
def test_an_active_session_is_refreshed_every_few_minutes_not_on_every_page(people, monkeypatch):
    import time

    from django.contrib.sessions.models import Session

    client = signed_in(people["staff"])
    key = client.cookies["sessionid"].value
    expiry = Session.objects.get(session_key=key).expire_date
    client.get(reverse("profile"))
    assert Session.objects.get(session_key=key).expire_date == expiry  # fresh: no write
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    client.get(reverse("profile"))
    assert Session.objects.get(session_key=key).expire_date > expiry  # five minutes on: the expiry moves


def test_the_admin_never_shows_a_second_factor_secret(people, client_for):
    """Not even the ICT officer can read another person's TOTP secret or QR code in the admin."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=people["staff"], name="simu", confirmed=True)
    client = client_for(people["ict_officer"])
    for view in ("config", "qrcode"):
        response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/")
        assert response.status_code == 403, view
        assert device.key not in response.content.decode(errors="replace")
