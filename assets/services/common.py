"""Pieces every service of the register shares: who may act, row locks, the transition check."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kilombero_ict.roles import ICT_ROLES, Role, has_role

from ..models import ASSET_TRANSITIONS, Asset, AssetStatus


def require_ict(actor) -> None:
    """Refuse anyone who is not ICT staff (technician or ICT officer)."""
    if not has_role(actor, *ICT_ROLES):
        raise ValidationError(_("Only ICT staff may do this."), code="not_ict")


def require_ict_officer(actor) -> None:
    if not has_role(actor, Role.ICT_OFFICER):
        raise ValidationError(_("Only the ICT officer may do this."), code="not_ict_officer")


def lock_asset(asset: Asset | int) -> Asset:
    """The asset row, locked until the transaction ends.

    No joins: when the lock had to wait for another transaction, PostgreSQL re-reads the locked row
    but not the rows joined to it, so a joined holder could be the one from before the other change.
    Related rows are read afterwards, fresh.
    """
    pk = asset.pk if isinstance(asset, Asset) else asset
    return Asset.objects.select_for_update().get(pk=pk)


def require_transition(asset: Asset, to_status: str) -> None:
    """Refuse a move the transition table does not allow, saying what the asset is now."""
    if to_status not in ASSET_TRANSITIONS[asset.status]:
        raise ValidationError(
            _("%(tag)s is %(status)s and cannot become %(target)s.")
            % {
                "tag": asset.tag,
                "status": AssetStatus(asset.status).label.lower(),
                "target": AssetStatus(to_status).label.lower(),
            },
            code="transition",
        )


def one_target(**targets) -> tuple[str, object]:
    """The single (name, value) among keyword arguments that is set; refuse none or several."""
    given = [(name, value) for name, value in targets.items() if value is not None]
    if len(given) != 1:
        raise ValidationError(_("Choose exactly one: a person, a department or a location."), code="holder")
    return given[0]
