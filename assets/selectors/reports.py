"""The register's reports: each one a table for the page and the same rows for the CSV/XLSX download.

Every report reads the database a fixed number of times whatever the register's size. Totals over
the whole register are added up by PostgreSQL, with book values from the SQL twin of the asset
page's depreciation (`assets.depreciation.book_value_expression`, tested to agree to the cent);
long lists of assets are `LazyRows`: the page reads the first PAGE_ROWS and a count, the download
reads every row in chunks.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Case, Count, DecimalField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from kilombero_ict.models import localized
from kilombero_ict.planner import joins_as_written

from ..depreciation import book_value_expression, period_end_expression
from ..models import Asset, AssetStatus, Unit
from .stock import consumable_usage, licences_with_use

ZERO = Decimal("0.00")


@dataclass
class Column:
    label: str
    kind: str = "text"  # text, int, money, date


PAGE_ROWS = 200  # rows a report page shows; a register of 20,000 assets would otherwise be megabytes of HTML


class LazyRows:
    """The rows of a long report table, read when asked: a slice (the page), the length (one count), or all
    of them in chunks (the download). Each row is `row(obj)` for an object of `queryset`."""

    def __init__(self, queryset, row):
        self.queryset = queryset
        self.row = row
        self._count = None

    def __len__(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            with joins_as_written():  # a row joined to its model, maker, holder... by primary key
                found = list(self.queryset[index])
            return [self.row(obj) for obj in found]
        return self.row(self.queryset[index])

    def __iter__(self):
        for obj in self.queryset.iterator(chunk_size=2000):
            yield self.row(obj)


MONEY = DecimalField(max_digits=16, decimal_places=2)


def _valued(queryset, as_at: dt.date):
    """`queryset` with each asset's end of life and its book value on `as_at` (0 when the cost is unknown)."""
    return queryset.annotate(depreciation_end_sql=period_end_expression()).annotate(
        book_value_sql=Coalesce(book_value_expression(as_at), Value(ZERO), output_field=MONEY),
        cost_or_zero=Coalesce("purchase_cost", Value(ZERO), output_field=MONEY),
    )


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)  # or LazyRows
    totals: list | None = None
    _display: list | None = field(default=None, init=False, repr=False, compare=False)

    def display_rows(self) -> list[list[tuple]]:
        """Each cell with its column's kind, for the page to format money and dates.

        The page shows the first `PAGE_ROWS` rows; the downloads always hold every row.
        """
        if self._display is None:  # the page asks twice (the rows, and how many are shown)
            kinds = [column.kind for column in self.columns]
            self._display = [list(zip(row, kinds, strict=False)) for row in self.rows[:PAGE_ROWS]]
        return self._display

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
    on_books = Asset.objects.filter(
        Q(purchase_date__lte=as_at) | Q(purchase_date__isnull=True, created_at__date__lte=as_at)
    ).filter(Q(disposal__isnull=True) | Q(disposal__disposed_on__gt=as_at))
    groups = (
        _valued(on_books, as_at)
        .values(
            "department_id",
            "department__name_sw",
            "department__name_en",
            "model__category__name_sw",
            "model__category__name_en",
        )
        .annotate(n=Count("id"), cost=Sum("cost_or_zero"), value=Sum("book_value_sql"))
        .order_by()
    )
    by_department = defaultdict(lambda: [0, ZERO, ZERO, ZERO])
    by_category = defaultdict(lambda: [0, ZERO, ZERO, ZERO])
    totals = [0, ZERO, ZERO, ZERO]
    for group in groups:
        department = _name(group, "department__") if group["department_id"] else _("No department")
        category = _name(group, "model__category__")
        cost, value = group["cost"] or ZERO, group["value"] or ZERO
        for bucket in (by_department[department], by_category[category], totals):
            bucket[0] += group["n"]
            bucket[1] += cost
            bucket[2] += cost - value
            bucket[3] += value

    def detail_row(asset):
        cost = asset.purchase_cost or ZERO
        value = asset.book_value(as_at)
        value = cost if value is None else value
        return [
            asset.tag,
            asset.name,
            str(asset.model),
            asset.model.category.name,
            asset.department.name if asset.department_id else _("No department"),
            asset.get_status_display(),
            asset.purchase_date,
            asset.depreciation_end,
            cost,
            cost - value,
            value,
        ]

    detail_rows = LazyRows(
        on_books.select_related("model__category", "model__manufacturer", "department").order_by("tag"), detail_row
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
    found = {
        row["status"]: row
        for row in _valued(Asset.objects.all(), today)
        .values("status")
        .annotate(
            n=Count("id"),
            cost=Sum("cost_or_zero"),
            value=Sum(
                Case(
                    When(~Q(status=AssetStatus.DISPOSED), then="book_value_sql"),
                    default=Value(ZERO),
                    output_field=MONEY,
                )
            ),
        )
        .order_by()
    }
    rows = []
    for status in AssetStatus.values:
        row = found.get(status, {})
        rows.append([AssetStatus(status).label, row.get("n", 0), row.get("cost") or ZERO, row.get("value") or ZERO])
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
    rows = LazyRows(
        assets.select_related("supplier"),
        lambda a: [
            a.tag,
            a.name,
            str(a.model),
            a.department.name if a.department_id else "",
            _holder_text(a),
            str(a.supplier) if a.supplier_id else "",
            a.warranty_end,
            (a.warranty_end - today).days,
        ],
    )
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
        .alias(depreciation_end_sql=period_end_expression())
        .filter(depreciation_end_sql__lte=today)
        .select_related(*ASSET_ROW_RELATED)
        .order_by("purchase_date", "tag")
    )
    rows = LazyRows(
        assets,
        lambda a: [
            a.tag,
            a.name,
            str(a.model),
            a.department.name if a.department_id else "",
            a.get_status_display(),
            a.purchase_date,
            a.depreciation_end,
            round((today - a.purchase_date).days / 365.25, 1),
        ],
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
