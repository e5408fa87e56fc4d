"""State changes of the organisation layer. Views, admin actions and commands all call these."""

from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction

from .models import Language, User


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    job_title: str,
    preferred_language: str,
) -> User:
    """Save the details a person may change about themselves. Roles and department are not among them."""
    if preferred_language not in Language.values:
        raise ValueError(f"unknown language {preferred_language!r}")
    locked = User.objects.select_for_update().get(pk=user.pk)
    locked.first_name = first_name
    locked.last_name = last_name
    locked.email = email
    locked.phone = phone
    locked.job_title = job_title
    locked.preferred_language = preferred_language
    locked.full_clean(exclude=["password", "username"])
    locked.save(update_fields=["first_name", "last_name", "email", "phone", "job_title", "preferred_language"])
    return locked


class PasswordSetupForm(PasswordResetForm):
    """Password reset that also reaches people who have never had a password (imported staff)."""

    def __init__(self, *args, **kwargs):
        from django.utils.translation import gettext_lazy as _

        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail")

    def get_users(self, email):
        return (
            user
            for user in User.objects.filter(email__iexact=email, is_active=True)
            if user.email and user.email.lower() == email.lower()
        )


def user_send_password_setup(*, user: User, domain: str, use_https: bool) -> bool:
    """E-mail `user` a link to set their password, in their preferred language.

    Returns False (and sends nothing) when the person has no e-mail address or is inactive.
    The mail goes out after the surrounding transaction commits.
    """
    from django.utils import translation

    if not user.email or not user.is_active:
        return False

    def send():
        with translation.override(user.preferred_language):
            form = PasswordSetupForm(data={"email": user.email})
            form.is_valid()
            form.save(domain_override=domain, use_https=use_https)

    transaction.on_commit(send)
    return True
