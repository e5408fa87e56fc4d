"""Addresses of the helpdesk. A ticket's page is its reference: /helpdesk/T-2026-00042/."""

from django.urls import path, register_converter

from . import views


class TicketReferenceConverter:
    regex = r"[Tt]-[0-9]{4}-[0-9]{5,7}"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


register_converter(TicketReferenceConverter, "ticketref")

app_name = "helpdesk"

urlpatterns = [
    path("", views.TicketListView.as_view(), name="list"),
    path("new/", views.TicketCreateView.as_view(), name="new"),
    path("export/", views.TicketExportView.as_view(), name="export"),
    path("reports/", views.ReportsView.as_view(), name="reports"),
    path("reports/export/", views.ReportsExportView.as_view(), name="reports-export"),
    path("status/", views.StatusView.as_view(), name="status"),
    path("status/reports/", views.StatusReportView.as_view(), name="status-reports"),
    path("status/reports/export/", views.StatusReportExportView.as_view(), name="status-reports-export"),
    path("status/outages/<int:pk>/", views.OutageDetailView.as_view(), name="outage"),
    path("status/outages/<int:pk>/affected/", views.OutageAffectedView.as_view(), name="outage-affected"),
    path("status/outages/<int:pk>/note/", views.OutageNoteView.as_view(), name="outage-note"),
    path("status/outages/<int:pk>/link-ticket/", views.OutageLinkTicketView.as_view(), name="outage-link-ticket"),
    path("status/outages/<int:pk>/link-risk/", views.OutageLinkRiskView.as_view(), name="outage-link-risk"),
    path("kb/", views.KnowledgeBaseView.as_view(), name="kb"),
    path("kb/suggest/", views.SuggestView.as_view(), name="kb-suggest"),
    path("kb/new/", views.ArticleCreateView.as_view(), name="kb-new"),
    path("kb/<slug:slug>/", views.ArticleView.as_view(), name="kb-article"),
    path("kb/<slug:slug>/edit/", views.ArticleEditView.as_view(), name="kb-edit"),
    path("kb/<slug:slug>/publish/", views.ArticlePublishView.as_view(publish=True), name="kb-publish"),
    path("kb/<slug:slug>/unpublish/", views.ArticlePublishView.as_view(publish=False), name="kb-unpublish"),
    path("kb/<slug:slug>/feedback/", views.ArticleFeedbackView.as_view(), name="kb-feedback"),
    path("kb/<slug:slug>/solved/", views.ArticleSolvedView.as_view(), name="kb-solved"),
    path("<ticketref:ref>/", views.TicketDetailView.as_view(), name="detail"),
    path("<ticketref:ref>/files/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("<ticketref:ref>/reply/", views.ReplyView.as_view(), name="reply"),
    path("<ticketref:ref>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("<ticketref:ref>/confirm/", views.ConfirmView.as_view(), name="confirm"),
    path("<ticketref:ref>/reopen/", views.ReopenView.as_view(), name="reopen"),
    path("<ticketref:ref>/rate/", views.RateView.as_view(), name="rate"),
    path("<ticketref:ref>/assign/", views.AssignView.as_view(), name="assign"),
    path("<ticketref:ref>/take/", views.TakeView.as_view(), name="take"),
    path("<ticketref:ref>/start/", views.StartView.as_view(), name="start"),
    path("<ticketref:ref>/resume/", views.ResumeView.as_view(), name="resume"),
    path("<ticketref:ref>/resolve/", views.ResolveView.as_view(), name="resolve"),
    path("<ticketref:ref>/priority/", views.PriorityView.as_view(), name="priority"),
    path("<ticketref:ref>/category/", views.CategoryView.as_view(), name="category"),
    path("<ticketref:ref>/security/", views.SecurityView.as_view(), name="security"),
    path("<ticketref:ref>/equipment/", views.AssetView.as_view(), name="asset"),
    path("<ticketref:ref>/link-risk/", views.LinkRiskView.as_view(), name="link-risk"),
]
