"""Import and export of the register in the admin (django-import-export).

Rows are matched on the reference (R-2026-007), never on `id`. A row without a reference records a
new risk; a row with one updates that risk. Every row goes through the same services as the
portal's forms (`risk_create`, `risk_update`, `risk_rate`), so an import checks the matrix, the
target rule and the required texts, and leaves the same history. One bad row rolls the whole
file back (see `PortalResource`). Status, levels and dates worked out by the portal are exported
for reading and ignored on import.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from kilombero_ict.models import Department, User
from kilombero_ict.resources import CodeForeignKeyWidget, PortalResource

from . import services
from .matrix import Rating
from .models import Risk, RiskCategory
from .models.register import RatingPoint

TEXT_FIELDS = [
    "title_sw",
    "title_en",
    "cause_sw",
    "cause_en",
    "event_sw",
    "event_en",
    "consequence_sw",
    "consequence_en",
    "affected_systems",
    "threat_source_sw",
    "threat_source_en",
    "vulnerability_sw",
    "vulnerability_en",
    "existing_controls_sw",
    "existing_controls_en",
]
RATING_FIELDS = [f"{point}_{part}" for point in RatingPoint.values for part in ("likelihood", "impact")]


class RiskResource(PortalResource):
    reference = fields.Field(attribute="reference", column_name="reference")
    category = fields.Field(
        attribute="category", column_name="category", widget=CodeForeignKeyWidget(RiskCategory, field="code")
    )
    department = fields.Field(
        attribute="department", column_name="department", widget=CodeForeignKeyWidget(Department, field="code")
    )
    owner = fields.Field(attribute="owner", column_name="owner", widget=CodeForeignKeyWidget(User, field="username"))
    identified_on = fields.Field(
        attribute="identified_on", column_name="identified_on", widget=widgets.DateWidget("%Y-%m-%d")
    )
    inherent_level = fields.Field(column_name="inherent_level", readonly=True)
    current_level = fields.Field(column_name="current_level", readonly=True)
    target_level = fields.Field(column_name="target_level", readonly=True)
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    treatment = fields.Field(attribute="treatment", column_name="treatment", readonly=True)
    next_review_on = fields.Field(attribute="next_review_on", column_name="next_review_on", readonly=True)
    closed_on = fields.Field(attribute="closed_on", column_name="closed_on", readonly=True)

    class Meta:
        model = Risk
        import_id_fields = ["reference"]
        fields = [
            "reference",
            *TEXT_FIELDS[:8],
            "category",
            "department",
            "owner",
            *TEXT_FIELDS[8:],
            "identified_on",
            *RATING_FIELDS,
            "target_justification",
            "inherent_level",
            "current_level",
            "target_level",
            "status",
            "treatment",
            "next_review_on",
            "closed_on",
        ]
        export_order = fields
        skip_unchanged = False
        clean_model_instances = False
        use_bulk = False

    def get_queryset(self):
        return Risk.objects.select_related(
            "category", "department", "owner", "inherent_level", "current_level", "target_level"
        )

    def get_instance(self, instance_loader, row):
        reference = str(row.get("reference") or "").strip()
        if not reference:
            return None
        instance = self.get_queryset().filter(reference=reference).first()
        if instance is None:
            raise ValidationError(
                {
                    "reference": _("There is no risk %(reference)s. Leave the reference empty to record a new risk.")
                    % {"reference": reference}
                }
            )
        return instance

    def dehydrate_category(self, risk):
        return risk.category.code

    def dehydrate_department(self, risk):
        return risk.department.code if risk.department_id else ""

    def dehydrate_owner(self, risk):
        return risk.owner.username

    def dehydrate_inherent_level(self, risk):
        return risk.inherent_level.code if risk.inherent_level_id else ""

    def dehydrate_current_level(self, risk):
        return risk.current_level.code if risk.current_level_id else ""

    def dehydrate_target_level(self, risk):
        return risk.target_level.code if risk.target_level_id else ""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        ratings = {}
        for name in RATING_FIELDS:
            raw = row.get(name)
            raw = "" if raw is None else str(raw).strip()
            if raw.endswith(".0"):
                raw = raw[:-2]  # spreadsheets write whole numbers as 4.0
            if raw == "":
                ratings[name] = None
            elif raw.isdigit():
                ratings[name] = int(raw)
            else:
                errors[name] = [_("Write a whole number from the risk matrix, e.g. 3.")]
        instance._imported_ratings = ratings
        for name in [*TEXT_FIELDS, "target_justification"]:
            setattr(instance, name, (getattr(instance, name, "") or "").strip())
        if errors:
            raise ValidationError(errors)

    def _rating(self, instance, point):
        values = instance._imported_ratings
        likelihood, impact = values[f"{point}_likelihood"], values[f"{point}_impact"]
        if likelihood is None and impact is None:
            return None
        if likelihood is None or impact is None:
            raise ValidationError(
                {f"{point}_likelihood": _("Give both the likelihood and the impact of this rating, or neither.")}
            )
        return Rating(likelihood, impact)

    def save_instance(self, instance, is_create, row, **kwargs):
        user = kwargs.get("user")
        if user is None:
            raise ValidationError(_("An import needs the person who makes it."))
        details = services.RiskDetails(**{name: getattr(instance, name) for name in services.RiskDetails.names()})
        inherent, current, target = (self._rating(instance, p) for p in RatingPoint.values)
        if is_create:
            risk = services.risk_create(
                by=user,
                details=details,
                identified_on=instance.identified_on,
                inherent=inherent,
                current=current,
                target=target,
                target_justification=instance.target_justification,
            )
            instance.pk, instance.reference = risk.pk, risk.reference
            return
        risk = services.risk_update(risk=instance, by=user, details=details, note=_("Imported from a spreadsheet."))
        wanted = [_pair(inherent), _pair(current), _pair(target)]
        stored = [(getattr(risk, f"{p}_likelihood"), getattr(risk, f"{p}_impact")) for p in RatingPoint.values]
        if current is not None and (wanted != stored or risk.target_justification != instance.target_justification):
            services.risk_rate(
                risk=risk,
                by=user,
                inherent=inherent,
                current=current,
                target=target,
                target_justification=instance.target_justification,
                note=_("Imported from a spreadsheet."),
            )


def _pair(rating):
    return (rating.likelihood, rating.impact) if rating else (None, None)
