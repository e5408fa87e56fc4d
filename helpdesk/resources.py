"""Export of tickets from the admin (django-import-export): explicit columns, formula-safe, natural key.

Only the ticket's own fields are exported - never replies or internal notes - and the admin's
queryset is already limited to the tickets its user may see.
"""

from import_export import fields

from kilombero_ict.resources import PortalResource

from .models import Ticket


class TicketResource(PortalResource):
    requester = fields.Field(attribute="requester__username", column_name="requester")
    department = fields.Field(attribute="department__code", column_name="department")
    category = fields.Field(attribute="category__code", column_name="category")
    location = fields.Field(attribute="location__code", column_name="location")
    assignee = fields.Field(attribute="assignee__username", column_name="assignee")
    rating = fields.Field(column_name="rating")

    class Meta:
        model = Ticket
        import_id_fields = ["reference"]
        fields = [
            "reference",
            "created_at",
            "requester",
            "department",
            "category",
            "location",
            "subject",
            "description",
            "impact",
            "urgency",
            "priority",
            "status",
            "assignee",
            "is_security_incident",
            "first_response_due",
            "first_response_at",
            "resolution_due",
            "resolved_at",
            "closed_at",
            "response_breached",
            "resolution_breached",
            "rating",
        ]
        export_order = fields

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("requester", "department", "category", "location", "assignee", "rating")
        )

    def dehydrate_rating(self, ticket):
        rating = getattr(ticket, "rating", None)
        return rating.score if rating else ""
