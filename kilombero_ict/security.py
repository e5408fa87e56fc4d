"""Security plumbing shared by every page: response headers, the client's address, the second-factor rule."""

from django.conf import settings

from .roles import user_roles

# No script, style, font or image from anywhere but the portal itself; no framing; no plugins.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The Django admin writes a few inline style attributes; it still runs no inline script.
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Add the Content Security Policy and related headers to every response that has none yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        is_admin = bool(match and match.namespace == "admin")
        response.headers.setdefault(
            "Content-Security-Policy", ADMIN_CONTENT_SECURITY_POLICY if is_admin else CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address nginx saw when TRUSTED_PROXY_COUNT proxies stand in front."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def axes_client_ip(request) -> str:
    return client_ip(request)


def second_factor_required(user) -> bool:
    """ICT staff and admin users must use a second factor; anyone who set one up uses it too."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user_roles(user).is_ict:
        return True
    return has_confirmed_device(user)


def has_confirmed_device(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    cached = getattr(user, "_has_totp", None)
    if cached is None:
        cached = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        user._has_totp = cached
    return cached


SECOND_FACTOR_SESSION_KEY = "kilombero_second_factor_required"


def second_factor_missing(request) -> bool:
    """True when the person is signed in with a password but still owes the second factor.

    Whether the person needs one is decided once per session (it costs queries) and kept there;
    setting up or removing a device updates it.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    required = request.session.get(SECOND_FACTOR_SESSION_KEY)
    if required is None:
        required = second_factor_required(user)
        request.session[SECOND_FACTOR_SESSION_KEY] = required
    if not required:
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def remember_second_factor(request, required: bool) -> None:
    request.session[SECOND_FACTOR_SESSION_KEY] = required


def decide_second_factor_at_login(sender, request, user, **kwargs):
    """At sign-in, note in the session whether this person owes a second factor (saves queries later)."""
    if request is not None and hasattr(request, "session"):
        import time

        from .middleware import REFRESHED_KEY

        remember_second_factor(request, second_factor_required(user))
        request.session[REFRESHED_KEY] = int(time.time())  # the sign-in itself saves the session
