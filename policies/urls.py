"""Addresses of the policies app.

The fixed staff pages come first, and their first path segment is in `models.RESERVED_SLUGS`,
which no document may take as its slug, so `/policies/<slug>/` can never shadow them.
"""

from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("", views.PolicyListView.as_view(), name="list"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("workflow/", views.WorkflowView.as_view(), name="workflow"),
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("compliance/export/", views.ComplianceExportView.as_view(), name="compliance-export"),
    path("exceptions/", views.ExceptionListView.as_view(), name="exceptions"),
    path("exceptions/new/", views.ExceptionCreateView.as_view(), name="exception-new"),
    path("exceptions/<int:pk>/", views.ExceptionDetailView.as_view(), name="exception"),
    path("exceptions/<int:pk>/approve/", views.ExceptionActionView.as_view(action="approve"), name="exception-approve"),
    path("exceptions/<int:pk>/reject/", views.ExceptionActionView.as_view(action="reject"), name="exception-reject"),
    path("exceptions/<int:pk>/revoke/", views.ExceptionActionView.as_view(action="revoke"), name="exception-revoke"),
    path("reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("acknowledgements/paper/", views.PaperAcknowledgementView.as_view(), name="paper-new"),
    path("acknowledgements/<int:pk>/scan/", views.ScanDownloadView.as_view(), name="paper-scan"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<slug:slug>/review/", views.ReviewRecordView.as_view(), name="review-record"),
    path("<slug:slug>/versions/<int:number>/", views.VersionDetailView.as_view(), name="version"),
    path("<slug:slug>/versions/<int:number>/pdf/", views.VersionPdfView.as_view(), name="version-pdf"),
    path("<slug:slug>/versions/<int:number>/accept/", views.AcceptView.as_view(), name="accept"),
    path(
        "<slug:slug>/versions/<int:number>/submit/",
        views.VersionActionView.as_view(action="submit"),
        name="version-submit",
    ),
    path(
        "<slug:slug>/versions/<int:number>/approve/",
        views.VersionActionView.as_view(action="approve"),
        name="version-approve",
    ),
    path(
        "<slug:slug>/versions/<int:number>/return/",
        views.VersionActionView.as_view(action="return", needs_note=True),
        name="version-return",
    ),
    path(
        "<slug:slug>/versions/<int:number>/publish/",
        views.VersionActionView.as_view(action="publish"),
        name="version-publish",
    ),
]
