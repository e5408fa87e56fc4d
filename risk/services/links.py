"""Links between a risk and the things it concerns: equipment of the asset register, security incidents of the helpdesk."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Risk
from ..models.register import EventKind
from ..permissions import is_ict
from ._common import record, require


def _locked(risk: Risk) -> Risk:
    return Risk.objects.select_for_update(of=("self",)).get(pk=risk.pk)


@transaction.atomic
def risk_link_asset(*, risk: Risk, asset, by) -> Risk:
    """Record that `asset` is threatened by `risk`.

    Guard: ICT staff; not linked already. Side effect: a "link added" line on the risk's history.
    """
    require(is_ict(by), _("Only ICT staff may link equipment to a risk."))
    risk = _locked(risk)
    if risk.assets.filter(pk=asset.pk).exists():
        raise ValidationError({"value": _("%(tag)s is already linked to this risk.") % {"tag": asset.tag}})
    risk.assets.add(asset)
    record(risk, EventKind.LINKED, by, note=asset.tag)
    return risk


@transaction.atomic
def risk_unlink_asset(*, risk: Risk, asset, by) -> Risk:
    """Remove the link to `asset`. Guard: ICT staff; linked. Side effect: a "link removed" history line."""
    require(is_ict(by), _("Only ICT staff may change the links of a risk."))
    risk = _locked(risk)
    if not risk.assets.filter(pk=asset.pk).exists():
        raise ValidationError(_("%(tag)s is not linked to this risk.") % {"tag": asset.tag})
    risk.assets.remove(asset)
    record(risk, EventKind.UNLINKED, by, note=asset.tag)
    return risk


@transaction.atomic
def risk_link_incident(*, risk: Risk, ticket, by) -> Risk:
    """Record that the security incident `ticket` is this risk happening.

    Guard: ICT staff; the ticket is flagged as a security incident; not linked already.
    Side effect: a "link added" line on the risk's history.
    """
    require(is_ict(by), _("Only ICT staff may link incidents to a risk."))
    if not ticket.is_security_incident:
        raise ValidationError(
            {"value": _("%(ref)s is not flagged as a security incident.") % {"ref": ticket.reference}}
        )
    risk = _locked(risk)
    if risk.incidents.filter(pk=ticket.pk).exists():
        raise ValidationError({"value": _("%(ref)s is already linked to this risk.") % {"ref": ticket.reference}})
    risk.incidents.add(ticket)
    record(risk, EventKind.LINKED, by, note=ticket.reference)
    return risk


@transaction.atomic
def risk_unlink_incident(*, risk: Risk, ticket, by) -> Risk:
    """Remove the link to an incident. Guard: ICT staff; linked. Side effect: a "link removed" history line."""
    require(is_ict(by), _("Only ICT staff may change the links of a risk."))
    risk = _locked(risk)
    if not risk.incidents.filter(pk=ticket.pk).exists():
        raise ValidationError(_("%(ref)s is not linked to this risk.") % {"ref": ticket.reference})
    risk.incidents.remove(ticket)
    record(risk, EventKind.UNLINKED, by, note=ticket.reference)
    return risk
