"""State changes of the organisation layer. Views, admin actions and commands all call these."""

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Language, Recommendation, RecommendationEvent, User
from .roles import user_roles


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


# --- the ICT unit's recommendations to departments -----------------------------------------------


def _may_record_recommendations(user) -> bool:
    return user_roles(user).is_ict_officer


@transaction.atomic
def recommendation_create(*, actor: User, department, title: str, body: str, recommended_on) -> Recommendation:
    """The ICT officer records a written recommendation to `department`; an event row marks its birth.

    Refused (ValidationError) for anyone but the ICT officer, for an inactive department and for
    empty text. The department's head sees it on the home page and on the department's ICT report.
    """
    if not _may_record_recommendations(actor):
        raise ValidationError(_("Only the ICT officer records recommendations."))
    if not department.is_active:
        raise ValidationError({"department": _("This department is no longer active.")})
    recommendation = Recommendation(
        department=department,
        title=(title or "").strip(),
        body=(body or "").strip(),
        recommended_on=recommended_on,
        author=actor,
    )
    recommendation.full_clean()
    recommendation.save()
    RecommendationEvent.objects.create(
        recommendation=recommendation, actor=actor, from_status="", to_status=recommendation.status
    )
    return recommendation


@transaction.atomic
def recommendation_set_status(*, actor: User, recommendation_id: int, status: str, note: str = "") -> Recommendation:
    """Move a recommendation along `Recommendation.TRANSITIONS`, writing who, when, from, to and why.

    The ICT officer may make any allowed move; the head of the recommendation's department may mark
    it accepted or done (the department's answer). Anything else is refused with a ValidationError.
    """
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation_id)
    roles = user_roles(actor)
    is_head = roles.is_hod and actor.department_id == recommendation.department_id
    if not (roles.is_ict_officer or is_head):
        raise ValidationError(_("You may not change this recommendation."))
    if status not in Recommendation.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if status not in Recommendation.TRANSITIONS[recommendation.status]:
        raise ValidationError(
            {
                "status": _("A recommendation that is “%(current)s” cannot become “%(new)s”.")
                % {"current": recommendation.get_status_display(), "new": Recommendation.Status(status).label}
            }
        )
    if is_head and not roles.is_ict_officer and status == Recommendation.Status.OPEN:
        raise ValidationError({"status": _("Only the ICT officer reopens a recommendation.")})
    previous = recommendation.status
    recommendation.status = status
    recommendation.save(update_fields=["status", "updated_at"])
    RecommendationEvent.objects.create(
        recommendation=recommendation, actor=actor, from_status=previous, to_status=status, note=(note or "")[:500]
    )
    return recommendation
