"""Procurement lives in the assets app but is published under /procurement/.

Every pattern is named and has a row in assets/access.py.
"""

from django.urls import path

from .views import procurement as views

app_name = "procurement"

ACTIONS = ("submit", "endorse", "review", "approve", "reject", "return", "cancel", "close")
ACTION_FORMS = {
    "review": views.ReviewForm,
    "reject": views.ReasonForm,
    "cancel": views.ReasonForm,
    "return": views.ReturnForm,
}

urlpatterns = [
    path("requisitions/", views.RequisitionListView.as_view(scope="all"), name="requisitions"),
    path("requisitions/mine/", views.RequisitionListView.as_view(scope="mine"), name="mine"),
    path("requisitions/department/", views.RequisitionListView.as_view(scope="department"), name="department"),
    path("requisitions/waiting/", views.RequisitionListView.as_view(scope="waiting"), name="waiting"),
    path("requisitions/pipeline/", views.PipelineView.as_view(), name="pipeline"),
    path("requisitions/new/", views.RequisitionFormView.as_view(), name="requisition-create"),
    path("requisitions/<str:ref>/", views.RequisitionDetailView.as_view(), name="requisition"),
    path("requisitions/<str:ref>/edit/", views.RequisitionFormView.as_view(), name="requisition-edit"),
    path("requisitions/<str:ref>/print/", views.RequisitionPrintView.as_view(), name="requisition-print"),
    *[
        path(
            f"requisitions/<str:ref>/{action}/",
            views.RequisitionActionView.as_view(action=action, form_class=ACTION_FORMS.get(action, views.CommentForm)),
            name=f"requisition-{action}",
        )
        for action in ACTIONS
    ],
    path("requisitions/<str:ref>/documents/", views.DocumentAddView.as_view(), name="requisition-document-add"),
    path("requisitions/<str:ref>/documents/<int:pk>/", views.document_download, name="requisition-document"),
    path("requisitions/<str:ref>/order/", views.OrderCreateView.as_view(), name="order-create"),
    path("orders/", views.OrderListView.as_view(), name="orders"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order"),
    path("orders/<int:pk>/print/", views.OrderPrintView.as_view(), name="order-print"),
    path("orders/<int:pk>/receive/", views.ReceiveView.as_view(), name="order-receive"),
    path("receipts/<int:pk>/settle/", views.SettleView.as_view(), name="receipt-settle"),
    path("budgets/", views.BudgetReportView.as_view(), name="budgets"),
    path("budgets/export/", views.budget_export, name="budgets-export"),
    path("suppliers/", views.SupplierListView.as_view(), name="suppliers"),
]
