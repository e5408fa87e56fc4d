"""Two-factor sign-in (TOTP, django-otp): setting it up, proving it after the password, turning it off.

ICT staff and admin users must pass it before any page opens (the access middleware sends them
here); other people may opt in from their profile. After confirming an authenticator app, a
person receives ten one-time recovery codes for the day their phone is lost.
"""

import secrets
from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditEvent
from .security import remember_second_factor, second_factor_required

RECOVERY_CODES = 10


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """The person's unconfirmed authenticator device, created with a fresh secret when there is none."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending device with a current code; replace older devices; return it and new recovery codes."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        raise ValidationError(_("That code is not right. Check the time on your phone and type the newest code."))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return device, codes


def second_factor_verify(*, request, token: str) -> bool:
    """Check a code against the person's confirmed devices; on success the session counts as verified."""
    user = request.user
    for device in [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]:
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if locked.verify_is_allowed()[0] and locked.verify_token(token):
                otp_login(request, locked)
                audit.record(action=AuditEvent.Action.SECOND_FACTOR, request=request, user=user)
                return True
    return False


@transaction.atomic
def second_factor_disable(*, user) -> None:
    """Remove the person's devices. Refused for people who must use a second factor."""
    if second_factor_required(user) and (user.is_staff or _is_ict(user)):
        raise ValidationError(_("ICT staff and administrators must keep two-factor sign-in."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _is_ict(user):
    from .roles import user_roles

    return user_roles(user).is_ict


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


def _qr_svg(device) -> str:
    # segno writes plain SVG markup (no script, no style attributes) from the otpauth URL we built.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"))  # noqa: S308


class TwoFactorView(View):
    """/accounts/two-factor/: prove the second factor, or set one up when there is none yet."""

    template_name = "registration/two_factor.html"

    def _context(self, request, form):
        confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        context = {"form": form, "next": _next_url(request), "confirmed": confirmed}
        if not confirmed:
            device = totp_device_start(user=request.user)
            context["qr_svg"] = _qr_svg(device)
            context["secret"] = b32encode(device.bin_key).decode()
        return context

    def get(self, request):
        return render(request, self.template_name, self._context(request, TokenForm()))

    def post(self, request):
        form = TokenForm(request.POST)
        confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        if form.is_valid():
            token = form.cleaned_data["token"]
            if confirmed:
                if second_factor_verify(request=request, token=token):
                    return redirect(_next_url(request))
                form.add_error(
                    "token",
                    _(
                        "That code is not right, or it was already used. Wait a few seconds and type the newest code "
                        "(each wrong code makes the next try wait a little longer)."
                    ),
                )
            else:
                try:
                    device, codes = totp_device_confirm(user=request.user, token=token)
                except ValidationError as exc:
                    form.add_error("token", exc)
                else:
                    otp_login(request, device)
                    audit.record(
                        action=AuditEvent.Action.SECOND_FACTOR, request=request, user=request.user, detail="set up"
                    )
                    request.user._has_totp = True
                    remember_second_factor(request, True)
                    return render(
                        request,
                        "registration/two_factor_codes.html",
                        {"codes": codes, "next": _next_url(request)},
                    )
        return render(request, self.template_name, self._context(request, form), status=400)


class TwoFactorDisableView(View):
    def post(self, request):
        try:
            second_factor_disable(user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            remember_second_factor(request, False)
            messages.success(request, _("Two-factor sign-in is off for your account."))
        return redirect("profile")
