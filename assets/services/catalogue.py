"""Finding catalogue rows by the names people write in spreadsheets, and creating them when asked to.

Imports (a Snipe-IT export, a council's own spreadsheet) name categories, manufacturers, models,
suppliers, places and people in words. These functions look each name up (letter case and spaces
ignored) and, only when the importer ticked "create missing", add the row. A name that is not
found otherwise raises `LookupError` with a message for the person.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kilombero_ict.models import Department, Location, User
from kilombero_ict.roles import ROLE_GROUPS, Role

from ..models import AssetModel, Category, Manufacturer, Supplier
from .common import require_ict


def _clean(name) -> str:
    return " ".join(str(name or "").split())


class Directory:
    """Rows of one table read once (an import names the same people and places many times), found by a name
    as the database finds it with `__iexact`: the first row, in the table's order, whose name matches.

    Only plain (ASCII) names are kept, where Python's upper() is the database's UPPER(); a name not kept
    here is simply asked of the database, so a miss never gives a different answer, only a query.
    """

    def __init__(self, rows, names):
        self.index = {}
        unsure = set()
        for row in rows:
            for name in names(row):
                if not name:
                    continue
                key = name.upper()
                if name.isascii():
                    self.index.setdefault(key, row)
                elif key.isascii():
                    unsure.add(key)  # e.g. a dotless i: its capital is plain, so it could match a plain name
        for key in unsure:
            self.index.pop(key, None)

    def get(self, name: str):
        return self.index.get(name.upper()) if name.isascii() else None


def people_directory() -> Directory:
    """Everyone by username (`person_find_or_create`), with their department."""
    return Directory(User.objects.select_related("department").order_by("username", "pk"), lambda u: [u.username])


def places_directory() -> Directory:
    """Every location by code or name (`location_find_or_create`)."""
    return Directory(Location.objects.order_by("name", "pk"), lambda place: [place.code, place.name])


def category_find_or_create(*, actor: User, name: str, create: bool) -> Category:
    """The category called `name` in Swahili or English; created (tracked individually) when allowed."""
    name = _clean(name)
    found = Category.objects.filter(Q(name_sw__iexact=name) | Q(name_en__iexact=name)).first()
    if found is not None:
        return found
    if not create:
        raise LookupError(_("There is no category called %(name)s.") % {"name": name})
    require_ict(actor)
    with transaction.atomic():
        return Category.objects.create(name_sw=name[:120], name_en=name[:120])


def manufacturer_find_or_create(*, actor: User, name: str, create: bool) -> Manufacturer:
    name = _clean(name)
    found = Manufacturer.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    if not create:
        raise LookupError(_("There is no manufacturer called %(name)s.") % {"name": name})
    require_ict(actor)
    return Manufacturer.objects.create(name=name[:120])


def supplier_find_or_create(*, actor: User, name: str, create: bool) -> Supplier:
    name = _clean(name)
    found = Supplier.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    if not create:
        raise LookupError(_("There is no supplier called %(name)s.") % {"name": name})
    require_ict(actor)
    return Supplier.objects.create(name=name[:200])


def asset_model_find_or_create(
    *,
    actor: User,
    name: str,
    category: Category,
    manufacturer: Manufacturer | None,
    model_number: str = "",
    notes: str = "",
    create: bool,
) -> AssetModel:
    """The model with this category, manufacturer, name and model number (letter case ignored)."""
    name = _clean(name)
    model_number = _clean(model_number)
    found = AssetModel.objects.filter(
        category=category, manufacturer=manufacturer, name__iexact=name, model_number__iexact=model_number
    ).first()
    if found is not None:
        return found
    if not create:
        raise LookupError(
            _("There is no model %(name)s of %(manufacturer)s in %(category)s.")
            % {"name": name, "manufacturer": manufacturer or "-", "category": category}
        )
    require_ict(actor)
    return AssetModel.objects.create(
        name=name[:150], model_number=model_number[:80], manufacturer=manufacturer, category=category, notes=notes
    )


def location_find_or_create(*, actor: User, name: str, create: bool, known: Directory | None = None) -> Location:
    """The location with this code or name; a new one gets a code made from its name (HQ-MNGETA style).
    `known` (`places_directory`) answers without a query for the places it holds."""
    name = _clean(name)
    found = known.get(name) if known is not None else None
    if found is None:
        found = Location.objects.filter(Q(code__iexact=name) | Q(name__iexact=name)).first()
    if found is not None:
        return found
    if not create:
        raise LookupError(_("There is no location with the code or name %(name)s.") % {"name": name})
    require_ict(actor)
    base = (slugify(name).upper().replace("_", "-").strip("-") or "LOC")[:26].rstrip("-")
    code, number = base, 1
    while Location.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return Location.objects.create(code=code, name=name[:150])


def department_find(*, name: str) -> Department:
    """The department with this code or name (departments are never created by an asset import)."""
    name = _clean(name)
    found = Department.objects.filter(Q(code__iexact=name) | Q(name_sw__iexact=name) | Q(name_en__iexact=name)).first()
    if found is None:
        raise LookupError(_("There is no department with the code or name %(name)s.") % {"name": name})
    return found


def person_find_or_create(
    *,
    actor: User,
    username: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    create: bool,
    known: Directory | None = None,
) -> User:
    """The person with this username (or, failing that, e-mail address); `known` (`people_directory`)
    answers for the usernames it holds without a query.

    A new person gets the Staff role and no usable password: the ICT officer sends them the
    password e-mail from the user list when they should sign in.
    """
    username, email = _clean(username), _clean(email)
    found = None
    people = User.objects.select_related("department")  # an asset checked out to them goes to their department
    if username:
        found = known.get(username) if known is not None else None
        found = found or people.filter(username__iexact=username).first()
    if found is None and email:
        found = people.filter(email__iexact=email).first()
    if found is not None:
        return found
    if not create or not (username or email):
        raise LookupError(_("There is no person with the username %(name)s.") % {"name": username or email})
    require_ict(actor)
    person = User(
        username=(username or email.split("@")[0])[:150],
        email=email,
        first_name=_clean(first_name)[:150],
        last_name=_clean(last_name)[:150],
    )
    person.set_unusable_password()
    person.save()
    person.groups.add(*Group.objects.filter(name=ROLE_GROUPS[Role.STAFF]))
    return person
