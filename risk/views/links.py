"""Linking a risk to equipment of the register and to security incidents of the helpdesk (ICT staff, POST only)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from assets.selectors import asset_by_tag
from helpdesk.selectors import security_incident_by_reference

from .. import selectors, services

KINDS = [
    ("asset", gettext_lazy("Equipment (asset tag)")),
    ("incident", gettext_lazy("Security incident (T- reference)")),
]


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Link"), choices=KINDS)
    value = forms.CharField(label=gettext_lazy("Tag or reference"), max_length=50)


class UnlinkForm(forms.Form):
    kind = forms.ChoiceField(choices=KINDS)
    pk = forms.IntegerField(min_value=1)


def _back(request, risk):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(risk.get_absolute_url())


class LinkView(View):
    """POST /risk/<ref>/links/: link equipment (by tag) or a security incident (by reference)."""

    http_method_names = ["post"]

    def post(self, request, reference):
        risk = selectors.risk_get_for(request.user, reference)
        form = LinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to link and type its tag or reference."))
            return _back(request, risk)
        kind, value = form.cleaned_data["kind"], form.cleaned_data["value"].strip()
        try:
            if kind == "asset":
                asset = asset_by_tag(value)
                if asset is None:
                    raise ValidationError(_("No equipment has the tag %(tag)s.") % {"tag": value})
                services.risk_link_asset(risk=risk, asset=asset, by=request.user)
                done = _("%(tag)s is now linked to %(risk)s.") % {"tag": asset.tag, "risk": risk.reference}
            else:
                ticket = security_incident_by_reference(value)
                if ticket is None:
                    raise ValidationError(
                        _(
                            "No security incident has the reference %(ref)s. Flag the ticket as a security incident first."
                        )
                        % {"ref": value}
                    )
                services.risk_link_incident(risk=risk, ticket=ticket, by=request.user)
                done = _("%(ref)s is now linked to %(risk)s.") % {"ref": ticket.reference, "risk": risk.reference}
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return _back(request, risk)


class UnlinkView(View):
    """POST /risk/<ref>/links/remove/: remove a link to equipment or to an incident."""

    http_method_names = ["post"]

    def post(self, request, reference):
        risk = selectors.risk_get_for(request.user, reference)
        form = UnlinkForm(request.POST)
        if form.is_valid():
            kind, pk = form.cleaned_data["kind"], form.cleaned_data["pk"]
            linked = (risk.assets if kind == "asset" else risk.incidents).filter(pk=pk).first()
            try:
                if linked is None:
                    raise ValidationError(_("That link does not exist (any more)."))
                if kind == "asset":
                    services.risk_unlink_asset(risk=risk, asset=linked, by=request.user)
                else:
                    services.risk_unlink_incident(risk=risk, ticket=linked, by=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The link was removed."))
        return _back(request, risk)
