from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "job_title", "preferred_language"]
        help_texts = {
            "preferred_language": _("The portal opens in this language after you sign in, and e-mails use it."),
            "email": _("Used for password resets and for news about your requests."),
        }


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is not correct. Both are case-sensitive."),
        "inactive": _("This account is not active. Please contact the ICT unit."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")


class PortalSetPasswordForm(SetPasswordForm):
    """Choosing a new password (after a reset e-mail), in the portal's own words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 10 characters; not a common password, not only digits, not like your name."
        )
        self.fields["new_password2"].label = _("New password again")


class PortalPasswordChangeForm(PortalSetPasswordForm, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    who = forms.CharField(label=_("Username"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from .models import AuditEvent

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All")), *AuditEvent.Action.choices]


class RecommendationForm(forms.Form):
    """The ICT officer writes a recommendation to a department (saved by `services.recommendation_create`)."""

    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("One line that names the advice."))
    body = forms.CharField(
        label=_("Recommendation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the department should do, and why. The head of the department reads it as written."),
    )
    recommended_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class RecommendationStatusForm(forms.Form):
    """A change of a recommendation's status, with an optional note (saved by `services.recommendation_set_status`)."""

    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, choices=None, **kwargs):
        from .models import Recommendation

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices or Recommendation.Status.choices
