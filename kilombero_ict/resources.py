"""Import and export of people, departments and locations in the admin (django-import-export).

Rows are matched on their natural key (username, department code, location code), never on
`id`, so re-importing a spreadsheet updates what is there instead of duplicating it.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .exports import neutralise
from .models import Department, Location, User
from .roles import GROUP_ROLES, ROLE_GROUPS, Role


class PortalResource(resources.ModelResource):
    """The base of every import/export definition in the portal.

    Imports are all or nothing: one bad row (a validation error included) rolls the whole file
    back. Exported text cells can never run as spreadsheet formulas.
    """

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


class CodeForeignKeyWidget(widgets.ForeignKeyWidget):
    """Look a related row up by its code and say plainly when it does not exist."""

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(**{self.field: value})
        except self.model.DoesNotExist:
            raise ValueError(
                _("%(model)s with code %(code)s does not exist.")
                % {"model": self.model._meta.verbose_name, "code": value}
            ) from None


class DepartmentResource(PortalResource):
    head = fields.Field(
        attribute="head",
        column_name="head",
        widget=CodeForeignKeyWidget(User, field="username"),
    )

    class Meta:
        model = Department
        import_id_fields = ["code"]
        fields = ["code", "name_sw", "name_en", "kind", "head", "is_active"]
        export_order = fields
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class LocationResource(PortalResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=CodeForeignKeyWidget(Location, field="code"))
    department = fields.Field(
        attribute="department", column_name="department", widget=CodeForeignKeyWidget(Department, field="code")
    )

    class Meta:
        model = Location
        import_id_fields = ["code"]
        fields = ["code", "name", "kind", "parent", "department", "address", "is_active"]
        export_order = fields
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class RolesWidget(widgets.Widget):
    """Roles as a comma-separated list of group names ("Staff, Head of Department")."""

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in str(value or "").split(",") if part.strip()]
        by_lower = {name.lower(): name for name in ROLE_GROUPS.values()}
        by_lower.update({code: ROLE_GROUPS[code] for code in Role.values})
        unknown = [name for name in names if name.lower() not in by_lower]
        if unknown:
            raise ValueError(
                _("Unknown role %(names)s; use one of: %(known)s.")
                % {"names": ", ".join(unknown), "known": ", ".join(ROLE_GROUPS.values())}
            )
        return [by_lower[name.lower()] for name in names]

    def render(self, value, obj=None, **kwargs):
        if obj is None:
            return ""
        return ", ".join(sorted(g.name for g in obj.groups.all() if g.name in GROUP_ROLES))


class UserResource(PortalResource):
    """The staff list, e.g. as exported from the HR system (HCMIS).

    A new person gets no usable password: they set one through the password e-mail that the ICT
    officer sends from the user list. A person without a role column becomes a Staff member.
    """

    department = fields.Field(
        attribute="department", column_name="department", widget=CodeForeignKeyWidget(Department, field="code")
    )
    roles = fields.Field(column_name="roles", widget=RolesWidget())

    class Meta:
        model = User
        import_id_fields = ["username"]
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "phone",
            "job_title",
            "department",
            "preferred_language",
            "is_active",
            "roles",
        ]
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True

    def get_queryset(self):
        return super().get_queryset().select_related("department").prefetch_related("groups")

    def dehydrate_roles(self, user):
        return RolesWidget().render(None, obj=user)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        raw = row.get("roles")
        try:
            instance._imported_roles = RolesWidget().clean(raw) if raw not in (None, "") else None
        except ValueError as exc:
            errors["roles"] = [str(exc)]
        if not (instance.username or "").strip():
            errors["username"] = [_("A username is required.")]
        if errors:
            raise ValidationError(errors)
        if instance.pk is None:
            instance.set_unusable_password()

    def after_save_instance(self, instance, row, **kwargs):
        names = getattr(instance, "_imported_roles", None)
        current = set(instance.groups.filter(name__in=ROLE_GROUPS.values()).values_list("name", flat=True))
        if names is None:
            if current:
                return
            names = [ROLE_GROUPS[Role.STAFF]]
        wanted = set(names)
        if wanted != current:
            groups = {g.name: g for g in Group.objects.filter(name__in=ROLE_GROUPS.values())}
            instance.groups.remove(*[groups[n] for n in current - wanted if n in groups])
            instance.groups.add(*[groups[n] for n in wanted - current if n in groups])
