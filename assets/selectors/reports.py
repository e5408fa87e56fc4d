"""The register's reports: each one a table for the page and the same rows for the CSV/XLSX download.

Every report reads the database a fixed number of times whatever the register's size (one query
per report), then adds up in Python, so that book values agree to the cent with the asset page.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from kilombero_ict.models import localized

from ..models import Asset, AssetStatus, Unit
from .stock import consumable_usage, licences_with_use

ZERO = Decimal("0.00")


@dataclass
class Column:
    label: str
    kind: str = "text"  # text, int, money, date


PAGE_ROWS = 200  # rows a report page shows; a register of 20,000 assets would otherwise be megabytes of HTML


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    totals: list | None = None

    def display_rows(self) -> list[list[tuple]]:
        """Each cell with its column's kind, for the page to format money and dates.

        The page shows the first `PAGE_ROWS` rows; the downloads always hold every row.
        """
        kinds = [column.kind for column in self.columns]
        return [list(zip(row, kinds, strict=False)) for row in self.rows[:PAGE_ROWS]]

    @property
    def rows_not_shown(self) -> int:
        return max(len(self.rows) - PAGE_ROWS, 0)

    def display_totals(self) -> list[tuple] | None:
        kinds = [column.kind for column in self.columns]
        return list(zip(self.totals, kinds, strict=False)) if self.totals else None


@dataclass
class ReportResult:
    tables: list[Table]
    note: str = ""
    detail: Table | None = None  # an extra sheet in the XLSX download


@dataclass(frozen=True)
class ReportDefinition:
    slug: str
    title: str
    description: str
    params: tuple[str, ...] = ()


REPORTS = [
    ReportDefinition(
        "register-value",
        gettext_lazy("Register value as at a date"),
        gettext_lazy(
            "Count, cost, depreciation and book value by department and by category, for the annual accounts."
        ),
        ("as_at",),
    ),
    ReportDefinition(
        "by-status",
        gettext_lazy("Assets by status"),
        gettext_lazy("How many assets are in store, deployed, in repair, lost, retired and disposed, with their cost."),
    ),
    ReportDefinition(
        "warranty-ending",
        gettext_lazy("Warranty ending in 90 days"),
        gettext_lazy("Assets in use whose warranty ends in the next 90 days: claim faults before it is too late."),
    ),
    ReportDefinition(
        "past-useful-life",
        gettext_lazy("Past their useful life"),
        gettext_lazy(
            "Assets still on the register whose useful life is over: candidates for replacement and a board of survey."
        ),
    ),
    ReportDefinition(
        "consumable-usage",
        gettext_lazy("Consumable usage"),
        gettext_lazy("Units of each consumable issued to each department in a period."),
        ("start", "end", "department"),
    ),
    ReportDefinition(
        "licences",
        gettext_lazy("Licence use and expiry"),
        gettext_lazy("Seats bought, used and free for each licence, and when it expires."),
    ),
]
REPORTS_BY_SLUG = {report.slug: report for report in REPORTS}


def _holder_text(asset) -> str:
    return str(asset.holder) if asset.holder else ""


def _name(values: dict, prefix: str) -> str:
    """The localised name from a `.values()` row that carries `<prefix>name_sw` and `<prefix>name_en`."""
    names = SimpleNamespace(name_sw=values.get(f"{prefix}name_sw") or "", name_en=values.get(f"{prefix}name_en") or "")
    return localized(names, "name")


def register_value(as_at: dt.date) -> ReportResult:
    """Assets on the books on `as_at` (bought by then, not yet disposed), valued by straight-line depreciation."""
    assets = (
        Asset.objects.filter(Q(purchase_date__lte=as_at) | Q(purchase_date__isnull=True, created_at__date__lte=as_at))
        .filter(Q(disposal__isnull=True) | Q(disposal__disposed_on__gt=as_at))
        .select_related("model__category", "model__manufacturer", "department", "location")
        .order_by("tag")
    )
    by_department = defaultdict(lambda: [0, ZERO, ZERO, ZERO])
    by_category = defaultdict(lambda: [0, ZERO, ZERO, ZERO])
    detail_rows = []
    totals = [0, ZERO, ZERO, ZERO]
    for asset in assets:
        cost = asset.purchase_cost or ZERO
        value = asset.book_value(as_at)
        value = cost if value is None else value
        depreciated = cost - value
        department = asset.department.name if asset.department_id else _("No department")
        category = asset.model.category.name
        for bucket in (by_department[department], by_category[category], totals):
            bucket[0] += 1
            bucket[1] += cost
            bucket[2] += depreciated
            bucket[3] += value
        detail_rows.append(
            [
                asset.tag,
                asset.name,
                str(asset.model),
                category,
                department,
                asset.get_status_display(),
                asset.purchase_date,
                asset.depreciation_end,
                cost,
                depreciated,
                value,
            ]
        )
    columns = [
        Column(_("Count"), "int"),
        Column(_("Cost"), "money"),
        Column(_("Accumulated depreciation"), "money"),
        Column(_("Book value"), "money"),
    ]
    department_table = Table(
        _("By department"),
        [Column(_("Department")), *columns],
        [[name, *values] for name, values in sorted(by_department.items())],
        [_("Total"), *totals],
    )
    category_table = Table(
        _("By category"),
        [Column(_("Category")), *columns],
        [[name, *values] for name, values in sorted(by_category.items())],
        [_("Total"), *totals],
    )
    detail = Table(
        _("Assets"),
        [
            Column(_("Tag")),
            Column(_("Name")),
            Column(_("Model")),
            Column(_("Category")),
            Column(_("Department")),
            Column(_("Status")),
            Column(_("Purchase date"), "date"),
            Column(_("End of life"), "date"),
            Column(_("Cost"), "money"),
            Column(_("Accumulated depreciation"), "money"),
            Column(_("Book value"), "money"),
        ],
        detail_rows,
    )
    note = _(
        "Straight-line depreciation from the purchase date to the end of the useful life, no residual value. "
        "Assets without a purchase date or cost are counted at cost. Departments and statuses are today's."
    )
    return ReportResult([department_table, category_table], note=note, detail=detail)


def by_status() -> ReportResult:
    today = timezone.localdate()
    buckets = {status: [0, ZERO, ZERO] for status in AssetStatus.values}
    for asset in Asset.objects.select_related("model__category"):
        bucket = buckets[asset.status]
        bucket[0] += 1
        bucket[1] += asset.purchase_cost or ZERO
        if asset.status != AssetStatus.DISPOSED:
            value = asset.book_value(today)
            bucket[2] += (asset.purchase_cost or ZERO) if value is None else value
    rows = [[AssetStatus(status).label, *values] for status, values in buckets.items()]
    totals = [_("Total"), sum(r[1] for r in rows), sum((r[2] for r in rows), ZERO), sum((r[3] for r in rows), ZERO)]
    table = Table(
        _("Assets by status"),
        [
            Column(_("Status")),
            Column(_("Count"), "int"),
            Column(_("Cost"), "money"),
            Column(_("Book value today"), "money"),
        ],
        rows,
        totals,
    )
    return ReportResult([table], note=_("Disposed assets have no book value."))


ASSET_ROW_RELATED = (
    "model__category",
    "model__manufacturer",
    "department",
    "location",
    "holder_user",
    "holder_department",
    "holder_location",
)


def warranty_ending(days: int = 90) -> ReportResult:
    today = timezone.localdate()
    assets = (
        Asset.objects.filter(warranty_end__gte=today, warranty_end__lte=today + dt.timedelta(days=days))
        .filter(status__in=[AssetStatus.IN_STORE, AssetStatus.DEPLOYED, AssetStatus.IN_REPAIR])
        .select_related(*ASSET_ROW_RELATED)
        .order_by("warranty_end", "tag")
    )
    rows = [
        [
            a.tag,
            a.name,
            str(a.model),
            a.department.name if a.department_id else "",
            _holder_text(a),
            str(a.supplier) if a.supplier_id else "",
            a.warranty_end,
            (a.warranty_end - today).days,
        ]
        for a in assets.select_related("supplier")
    ]
    table = Table(
        _("Warranty ending in %(days)s days") % {"days": days},
        [
            Column(_("Tag")),
            Column(_("Name")),
            Column(_("Model")),
            Column(_("Department")),
            Column(_("Holder")),
            Column(_("Supplier")),
            Column(_("Warranty ends"), "date"),
            Column(_("Days left"), "int"),
        ],
        rows,
    )
    return ReportResult([table])


def past_useful_life() -> ReportResult:
    today = timezone.localdate()
    assets = (
        Asset.objects.exclude(status=AssetStatus.DISPOSED)
        .filter(purchase_date__isnull=False)
        .select_related(*ASSET_ROW_RELATED)
        .order_by("purchase_date", "tag")
    )
    rows = []
    for a in assets:
        end = a.depreciation_end
        if end and end <= today:
            rows.append(
                [
                    a.tag,
                    a.name,
                    str(a.model),
                    a.department.name if a.department_id else "",
                    a.get_status_display(),
                    a.purchase_date,
                    end,
                    round((today - a.purchase_date).days / 365.25, 1),
                ]
            )
    table = Table(
        _("Past their useful life"),
        [
            Column(_("Tag")),
            Column(_("Name")),
            Column(_("Model")),
            Column(_("Department")),
            Column(_("Status")),
            Column(_("Purchase date"), "date"),
            Column(_("End of life"), "date"),
            Column(_("Years in use"), "text"),
        ],
        rows,
    )
    return ReportResult([table], note=_("Assets without a purchase date are not listed."))


def consumable_usage_report(start: dt.date, end: dt.date, department=None) -> ReportResult:
    rows = []
    total = 0
    for row in consumable_usage(start, end, department=department):
        department_name = _name(row, "department__") or _("No department")
        rows.append(
            [
                department_name,
                row["item__code"],
                _name(row, "item__"),
                Unit(row["item__unit"]).label,
                row["issued"],
                row["issues"],
            ]
        )
        total += row["issued"]
    table = Table(
        _("Consumables issued from %(start)s to %(end)s")
        % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
        [
            Column(_("Department")),
            Column(pgettext("assets", "Code")),
            Column(_("Item")),
            Column(pgettext("assets", "Unit")),
            Column(_("Units issued"), "int"),
            Column(_("Issues"), "int"),
        ],
        rows,
        [_("Total"), "", "", "", total, sum(r[5] for r in rows)],
    )
    return ReportResult([table])


def licence_report(user) -> ReportResult:
    today = timezone.localdate()
    rows = []
    for licence in licences_with_use(user).order_by("expires_on", "product"):
        if licence.expires_on is None:
            state = _("Does not expire")
        elif licence.expires_on < today:
            state = _("Expired")
        elif licence.expires_on <= today + dt.timedelta(days=60):
            state = _("Expires within 60 days")
        else:
            state = _("Valid")
        rows.append(
            [
                licence.product,
                licence.manufacturer.name if licence.manufacturer_id else "",
                licence.get_kind_display(),
                licence.seats,
                licence.used,
                licence.free,
                licence.expires_on,
                state,
                _("Yes") if licence.is_active else _("No"),
            ]
        )
    table = Table(
        _("Licence use and expiry"),
        [
            Column(_("Product")),
            Column(_("Publisher")),
            Column(_("Kind")),
            Column(_("Seats"), "int"),
            Column(_("Used"), "int"),
            Column(_("Free"), "int"),
            Column(_("Expires"), "date"),
            Column(_("State")),
            Column(pgettext("assets", "Active")),
        ],
        rows,
        [_("Total"), "", "", sum(r[3] for r in rows), sum(r[4] for r in rows), sum(r[5] for r in rows), None, "", ""],
    )
    return ReportResult([table])


def build_report(slug: str, user, params: dict) -> ReportResult:
    """Run report `slug` with the cleaned parameters of its form."""
    if slug == "register-value":
        return register_value(params.get("as_at") or timezone.localdate())
    if slug == "by-status":
        return by_status()
    if slug == "warranty-ending":
        return warranty_ending()
    if slug == "past-useful-life":
        return past_useful_life()
    if slug == "consumable-usage":
        return consumable_usage_report(params["start"], params["end"], params.get("department"))
    if slug == "licences":
        return licence_report(user)
    raise KeyError(slug)
