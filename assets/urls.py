"""Addresses of the asset register (/assets/...). Every pattern is named and has a row in assets/access.py."""

from django.urls import path

from .views import labels, register, reports, stock, stocktakes

app_name = "assets"

urlpatterns = [
    # The register and one asset
    path("", register.AssetListView.as_view(), name="list"),
    path("export/", register.asset_export, name="export"),
    path("new/", register.AssetCreateView.as_view(), name="create"),
    path("mine/", register.MyEquipmentView.as_view(), name="mine"),
    path("department/", register.DepartmentAssetsView.as_view(), name="department"),
    path("<int:pk>/", register.AssetDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", register.AssetEditView.as_view(), name="edit"),
    path("<int:pk>/photo/", register.asset_photo, name="photo"),
    path("<int:pk>/qr.svg", register.asset_qr, name="qr"),
    path("<int:pk>/check-out/", register.CheckOutView.as_view(), name="check-out"),
    path("<int:pk>/check-in/", register.CheckInView.as_view(), name="check-in"),
    path("<int:pk>/repair/", register.RepairView.as_view(), name="repair"),
    path("<int:pk>/repair/return/", register.RepairReturnView.as_view(), name="repair-return"),
    path("<int:pk>/lost/", register.LostView.as_view(), name="lost"),
    path("<int:pk>/found/", register.FoundView.as_view(), name="found"),
    path("<int:pk>/retire/", register.RetireView.as_view(), name="retire"),
    path("<int:pk>/reinstate/", register.ReinstateView.as_view(), name="reinstate"),
    path("<int:pk>/dispose/", register.DisposeView.as_view(), name="dispose"),
    path("<int:pk>/move/", register.MoveView.as_view(), name="move"),
    path("<int:pk>/maintenance/new/", stock.MaintenanceLogView.as_view(), name="maintenance-log"),
    path("<int:pk>/schedules/new/", stock.ScheduleCreateView.as_view(), name="schedule-create"),
    # Labels and handover forms
    path("label/<str:token>/", labels.label_public, name="label"),
    path("labels/", labels.label_sheet, name="labels"),
    path("handovers/<int:pk>/", labels.handover_form, name="handover"),
    path("handovers/<int:pk>/accept/", labels.HandoverAcceptView.as_view(), name="handover-accept"),
    # Consumables
    path("consumables/", stock.ConsumableListView.as_view(), name="consumables"),
    path("consumables/new/", stock.ConsumableCreateView.as_view(), name="consumable-create"),
    path("consumables/<int:pk>/", stock.ConsumableDetailView.as_view(), name="consumable-detail"),
    path("consumables/<int:pk>/edit/", stock.ConsumableEditView.as_view(), name="consumable-edit"),
    path("consumables/<int:pk>/receive/", stock.ReceiveView.as_view(), name="consumable-receive"),
    path("consumables/<int:pk>/issue/", stock.IssueView.as_view(), name="consumable-issue"),
    path("consumables/<int:pk>/adjust/", stock.AdjustView.as_view(), name="consumable-adjust"),
    path("consumables/<int:pk>/count/", stock.CountView.as_view(), name="consumable-count"),
    # Licences
    path("licences/", stock.LicenceListView.as_view(), name="licences"),
    path("licences/new/", stock.LicenceCreateView.as_view(), name="licence-create"),
    path("licences/<int:pk>/", stock.LicenceDetailView.as_view(), name="licence-detail"),
    path("licences/<int:pk>/edit/", stock.LicenceEditView.as_view(), name="licence-edit"),
    path("licences/<int:pk>/assign/", stock.AssignView.as_view(), name="licence-assign"),
    path("licences/<int:pk>/seats/<int:assignment>/release/", stock.ReleaseView.as_view(), name="licence-release"),
    path("licences/<int:pk>/key/", stock.licence_reveal_key, name="licence-key"),
    # Maintenance
    path("maintenance/", stock.MaintenanceView.as_view(), name="maintenance"),
    path("maintenance/schedules/<int:pk>/stop/", stock.ScheduleStopView.as_view(), name="schedule-stop"),
    # Stocktakes
    path("stocktakes/", stocktakes.StocktakeListView.as_view(), name="stocktakes"),
    path("stocktakes/new/", stocktakes.StocktakeOpenView.as_view(), name="stocktake-open"),
    path("stocktakes/<int:pk>/", stocktakes.StocktakeDetailView.as_view(), name="stocktake"),
    path("stocktakes/<int:pk>/record/", stocktakes.StocktakeRecordView.as_view(), name="stocktake-record"),
    path(
        "stocktakes/<int:pk>/lines/<int:line>/missing/",
        stocktakes.StocktakeMissingView.as_view(),
        name="stocktake-missing",
    ),
    path("stocktakes/<int:pk>/close/", stocktakes.StocktakeCloseView.as_view(), name="stocktake-close"),
    path("stocktakes/<int:pk>/report/", stocktakes.StocktakeReportView.as_view(), name="stocktake-report"),
    path("stocktakes/<int:pk>/download/", stocktakes.stocktake_download, name="stocktake-download"),
    # Reports
    path("reports/", reports.ReportIndexView.as_view(), name="reports"),
    path("reports/<slug:slug>/", reports.ReportView.as_view(), name="report"),
    path("reports/<slug:slug>/download/", reports.report_download, name="report-download"),
]
