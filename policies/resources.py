"""Exports of the policies app in the admin (django-import-export), formula-safe through PortalResource."""

from import_export import fields

from kilombero_ict.resources import PortalResource

from .models import Acknowledgement


class AcknowledgementResource(PortalResource):
    """Acknowledgements as evidence for auditors: who accepted which version, when, how, and the text hash.

    Export only: acknowledgements are made by people on the portal (or recorded from paper forms),
    never imported.
    """

    username = fields.Field(attribute="user__username", column_name="username")
    name = fields.Field(column_name="name")
    department = fields.Field(attribute="user__department__code", column_name="department")
    document = fields.Field(attribute="version__document__reference", column_name="document")
    version_number = fields.Field(attribute="version__number", column_name="version")
    recorded_by = fields.Field(attribute="recorded_by__username", column_name="recorded_by")

    class Meta:
        model = Acknowledgement
        fields = [
            "username",
            "name",
            "department",
            "document",
            "version_number",
            "accepted_at",
            "method",
            "signed_on",
            "recorded_by",
            "language",
            "ip_address",
            "text_sha256",
        ]
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("user__department", "version__document", "recorded_by")

    def dehydrate_name(self, ack):
        return ack.user.get_full_name()
