"""Models of the asset register, one module per area; procurement adds its own modules beside these."""

from .catalogue import AssetModel, Category, Manufacturer
from .consumables import ConsumableItem, ConsumableMovement, Unit
from .licences import LicenceAssignment, LicenceKeyView, LicenceKind, SoftwareLicence
from .maintenance import MaintenanceKind, MaintenanceOutcome, MaintenanceRecord, MaintenanceSchedule
from .register import (
    ASSET_TRANSITIONS,
    STATUSES_ON_HAND,
    STATUSES_WITH_HOLDER,
    Asset,
    AssetEvent,
    AssetStatus,
    Condition,
    Disposal,
    DisposalMethod,
    FundingSource,
    Handover,
    HolderKind,
    RegisterSettings,
)
from .stocktake import Stocktake, StocktakeLine
from .suppliers import Supplier

__all__ = [
    "ASSET_TRANSITIONS",
    "STATUSES_ON_HAND",
    "STATUSES_WITH_HOLDER",
    "Asset",
    "AssetEvent",
    "AssetModel",
    "AssetStatus",
    "Category",
    "Condition",
    "ConsumableItem",
    "ConsumableMovement",
    "Disposal",
    "DisposalMethod",
    "FundingSource",
    "Handover",
    "HolderKind",
    "LicenceAssignment",
    "LicenceKeyView",
    "LicenceKind",
    "MaintenanceKind",
    "MaintenanceOutcome",
    "MaintenanceRecord",
    "MaintenanceSchedule",
    "Manufacturer",
    "RegisterSettings",
    "SoftwareLicence",
    "Stocktake",
    "StocktakeLine",
    "Supplier",
    "Unit",
]
