"""Views of the risk register (thin: a selector to read, one service per POST)."""

from .acceptances import (
    AcceptanceApproveView,
    AcceptanceDeclineView,
    AcceptanceListView,
    AcceptanceRequestView,
    AcceptanceWithdrawView,
    RiskAcceptView,
)
from .actions import ActionCreateView, ActionEditView, ActionListView, ActionProgressView
from .links import LinkView, UnlinkView
from .register import (
    CloseView,
    MonitorView,
    RegisterView,
    ReopenView,
    ReviewView,
    RiskCreateView,
    RiskDetailView,
    RiskEditView,
    RiskRateView,
    TreatmentView,
)
from .reports import HeatmapView, RegisterExportView, ReportDownloadView, ReportView

__all__ = [
    "AcceptanceApproveView",
    "AcceptanceDeclineView",
    "AcceptanceListView",
    "AcceptanceRequestView",
    "AcceptanceWithdrawView",
    "ActionCreateView",
    "ActionEditView",
    "ActionListView",
    "ActionProgressView",
    "CloseView",
    "HeatmapView",
    "LinkView",
    "MonitorView",
    "RegisterExportView",
    "RegisterView",
    "ReopenView",
    "ReportDownloadView",
    "ReportView",
    "ReviewView",
    "RiskAcceptView",
    "RiskCreateView",
    "RiskDetailView",
    "RiskEditView",
    "RiskRateView",
    "TreatmentView",
    "UnlinkView",
]
