"""Every state change of the asset register, one function each (views, admin, imports and commands call these).

Procurement adds its services (`requisition_approve`, `goods_receipt_post`, ...) beside these modules
and calls `asset_register`, `consumable_receive` and `licence_create` for what it receives.
"""

from .catalogue import (
    asset_model_find_or_create,
    category_find_or_create,
    department_find,
    location_find_or_create,
    manufacturer_find_or_create,
    person_find_or_create,
    supplier_find_or_create,
)
from .consumables import (
    consumable_adjust,
    consumable_count,
    consumable_issue,
    consumable_item_create,
    consumable_item_update,
    consumable_receive,
)
from .licences import licence_assign, licence_create, licence_release, licence_reveal_key, licence_update
from .maintenance import (
    add_months,
    maintenance_record_log,
    maintenance_schedule_create,
    maintenance_schedule_stop,
)
from .register import (
    UNCHANGED,
    asset_check_in,
    asset_check_out,
    asset_dispose,
    asset_mark_found,
    asset_move,
    asset_register,
    asset_register_many,
    asset_register_plan,
    asset_reinstate,
    asset_report_lost,
    asset_retire,
    asset_return_from_repair,
    asset_send_to_repair,
    asset_update,
    handover_accept,
    handover_can_accept,
)
from .reminders import reminders_send
from .stocktake import find_asset_by_scan, stocktake_close, stocktake_mark_missing, stocktake_open, stocktake_record
from .tags import next_asset_tag

__all__ = [
    "UNCHANGED",
    "add_months",
    "asset_check_in",
    "asset_check_out",
    "asset_dispose",
    "asset_mark_found",
    "asset_model_find_or_create",
    "asset_move",
    "asset_register",
    "asset_register_many",
    "asset_register_plan",
    "asset_reinstate",
    "asset_report_lost",
    "asset_retire",
    "asset_return_from_repair",
    "asset_send_to_repair",
    "asset_update",
    "category_find_or_create",
    "consumable_adjust",
    "consumable_count",
    "consumable_issue",
    "consumable_item_create",
    "consumable_item_update",
    "consumable_receive",
    "department_find",
    "find_asset_by_scan",
    "handover_accept",
    "handover_can_accept",
    "licence_assign",
    "licence_create",
    "licence_release",
    "licence_reveal_key",
    "licence_update",
    "location_find_or_create",
    "maintenance_record_log",
    "maintenance_schedule_create",
    "maintenance_schedule_stop",
    "manufacturer_find_or_create",
    "next_asset_tag",
    "person_find_or_create",
    "reminders_send",
    "stocktake_close",
    "stocktake_mark_missing",
    "stocktake_open",
    "stocktake_record",
    "supplier_find_or_create",
]
