"""Addresses of the risk register: /risk/, /risk/R-2026-007/, /risk/heatmap/, /risk/reports/ and their forms."""

from django.urls import path, register_converter

from . import views


class ReferenceConverter:
    """A risk reference as people quote it: R-2026-007."""

    regex = r"R-\d{4}-\d{3,6}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReferenceConverter, "riskref")

app_name = "risk"

urlpatterns = [
    path("", views.RegisterView.as_view(), name="list"),
    path("new/", views.RiskCreateView.as_view(), name="create"),
    path("heatmap/", views.HeatmapView.as_view(), name="heatmap"),
    path("reports/", views.ReportView.as_view(), name="reports"),
    path("reports/quarterly.xlsx", views.ReportDownloadView.as_view(fmt="xlsx"), name="report-xlsx"),
    path("reports/quarterly.csv", views.ReportDownloadView.as_view(fmt="csv"), name="report-csv"),
    path("export.xlsx", views.RegisterExportView.as_view(fmt="xlsx"), name="export-xlsx"),
    path("export.csv", views.RegisterExportView.as_view(fmt="csv"), name="export-csv"),
    path("actions/", views.ActionListView.as_view(), name="actions"),
    path("acceptances/", views.AcceptanceListView.as_view(), name="acceptances"),
    path("acceptances/<int:pk>/approve/", views.AcceptanceApproveView.as_view(), name="acceptance-approve"),
    path("acceptances/<int:pk>/decline/", views.AcceptanceDeclineView.as_view(), name="acceptance-decline"),
    path("acceptances/<int:pk>/withdraw/", views.AcceptanceWithdrawView.as_view(), name="acceptance-withdraw"),
    path("<riskref:reference>/", views.RiskDetailView.as_view(), name="detail"),
    path("<riskref:reference>/edit/", views.RiskEditView.as_view(), name="edit"),
    path("<riskref:reference>/rate/", views.RiskRateView.as_view(), name="rate"),
    path("<riskref:reference>/treatment/", views.TreatmentView.as_view(), name="treatment"),
    path("<riskref:reference>/review/", views.ReviewView.as_view(), name="review"),
    path("<riskref:reference>/monitor/", views.MonitorView.as_view(), name="monitor"),
    path("<riskref:reference>/close/", views.CloseView.as_view(), name="close"),
    path("<riskref:reference>/reopen/", views.ReopenView.as_view(), name="reopen"),
    path("<riskref:reference>/links/", views.LinkView.as_view(), name="link"),
    path("<riskref:reference>/links/remove/", views.UnlinkView.as_view(), name="unlink"),
    path("<riskref:reference>/actions/new/", views.ActionCreateView.as_view(), name="action-create"),
    path("<riskref:reference>/actions/<int:number>/edit/", views.ActionEditView.as_view(), name="action-edit"),
    path(
        "<riskref:reference>/actions/<int:number>/progress/",
        views.ActionProgressView.as_view(),
        name="action-progress",
    ),
    path("<riskref:reference>/acceptance/", views.AcceptanceRequestView.as_view(), name="acceptance-request"),
    path("<riskref:reference>/accept/", views.RiskAcceptView.as_view(), name="accept"),
]
