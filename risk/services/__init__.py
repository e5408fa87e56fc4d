"""Every state change of the risk register, one function each (views, admin, imports and commands call these)."""

from .acceptances import (
    acceptance_approve,
    acceptance_decline,
    acceptance_expire,
    acceptance_request,
    acceptance_withdraw,
    acceptances_expire_due,
    can_withdraw,
    check_expiry,
    risk_accept,
)
from .actions import action_create, action_record_progress, action_update, check_action
from .links import risk_link_asset, risk_link_incident, risk_unlink_asset, risk_unlink_incident
from .risks import (
    RiskDetails,
    check_details,
    risk_close,
    risk_create,
    risk_rate,
    risk_reopen,
    risk_review,
    risk_set_treatment,
    risk_start_monitoring,
    risk_update,
)

__all__ = [
    "RiskDetails",
    "acceptance_approve",
    "acceptance_decline",
    "acceptance_expire",
    "acceptance_request",
    "acceptance_withdraw",
    "acceptances_expire_due",
    "action_create",
    "action_record_progress",
    "action_update",
    "can_withdraw",
    "check_action",
    "check_details",
    "check_expiry",
    "risk_accept",
    "risk_close",
    "risk_create",
    "risk_link_asset",
    "risk_link_incident",
    "risk_rate",
    "risk_reopen",
    "risk_review",
    "risk_set_treatment",
    "risk_start_monitoring",
    "risk_unlink_asset",
    "risk_unlink_incident",
    "risk_update",
]
