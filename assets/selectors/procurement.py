"""Reads of procurement: who sees which requisitions, the lists and the pipeline, and the budget figures.

Scope: ICT staff, management and the auditor see every requisition; a head of department sees their
department's (and their own); everyone else only the requisitions they raised. `requisition_get_for`
answers 404 for "missing" and "not yours" alike. Lists annotate their totals, so the number of queries
does not grow with the rows.
"""

from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.query import ModelIterable
from django.http import Http404
from django.utils import timezone

from kilombero_ict.fiscal import FiscalYear
from kilombero_ict.roles import Role, user_roles

from ..models import (
    PIPELINE,
    BudgetLine,
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    Requisition,
    RequisitionDocument,
    RequisitionEvent,
    RequisitionLine,
    RequisitionStatus,
)

S = RequisitionStatus
MONEY = DecimalField(max_digits=20, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)
ORDERED_STATUSES = (S.ORDERED, S.PARTLY_RECEIVED, S.RECEIVED, S.CLOSED)


def _money(expression):
    return ExpressionWrapper(expression, output_field=MONEY)


# --- who sees what -----------------------------------------------------------------------------


def requisitions_visible_to(user):
    """The requisitions `user` may see (see the module docstring); none for people without a role."""
    roles = user_roles(user)
    queryset = Requisition.objects.all()
    if roles.is_ict or roles.is_oversight:
        return queryset
    if roles.is_hod and user.department_id:
        return queryset.filter(Q(department_id=user.department_id) | Q(requested_by=user))
    if roles:
        return queryset.filter(requested_by=user)
    return queryset.none()


def with_totals(queryset):
    """Annotate each requisition's estimated total (TSh) and number of lines."""
    total = (
        RequisitionLine.objects.filter(requisition=OuterRef("pk"))
        .values("requisition")
        .annotate(t=Sum(_money(F("quantity") * F("estimated_unit_price"))))
        .values("t")
    )
    return queryset.annotate(estimated_total=Coalesce(Subquery(total, output_field=MONEY), ZERO))


def requisition_get_for(user, reference: str) -> Requisition:
    """One requisition with its lines, history and orders, or 404 when missing or not `user`'s to see."""
    queryset = with_totals(requisitions_visible_to(user)).select_related(
        "department", "requested_by", "budget_line__department"
    )
    queryset = queryset.prefetch_related(
        Prefetch("lines", queryset=RequisitionLine.objects.select_related("category")),
        Prefetch("events", queryset=RequisitionEvent.objects.select_related("actor")),
        Prefetch("orders", queryset=PurchaseOrder.objects.select_related("supplier")),
        Prefetch("documents", queryset=RequisitionDocument.objects.select_related("uploaded_by")),
    )
    found = queryset.filter(reference=reference).first()
    if found is None:
        raise Http404("No such requisition.")
    return found


def requisition_row_for(user, reference: str) -> Requisition:
    """The requisition row alone (no lines, history or totals), or 404 like `requisition_get_for`.

    For the POSTs that hand the requisition to a service, which locks and reads it again anyway.
    """
    found = requisitions_visible_to(user).filter(reference=reference).first()
    if found is None:
        raise Http404("No such requisition.")
    return found


def waiting_for(user):
    """Requisitions at a step where `user` must act: endorse (head), review (ICT officer), approve (management)."""
    roles = user_roles(user)
    condition = Q(pk__in=[])
    if roles.is_hod and user.department_id:
        condition |= Q(status=S.SUBMITTED, department_id=user.department_id)
    if roles.is_management:
        condition |= Q(status=S.REVIEWED)
    if Role.ICT_OFFICER in roles:
        condition |= Q(status__in=[S.ENDORSED, S.APPROVED])
    return Requisition.objects.filter(condition).exclude(requested_by=user)


LIST_SCOPES = ("mine", "department", "waiting", "all")


def requisition_list(user, *, scope: str, status: str = ""):
    """The rows of one requisition list page, with totals and what the template shows, in one query."""
    roles = user_roles(user)
    if scope == "mine":
        queryset = Requisition.objects.filter(requested_by=user)
    elif scope == "department":
        queryset = (
            Requisition.objects.filter(department_id=user.department_id)
            if roles.is_hod and user.department_id
            else Requisition.objects.none()
        )
    elif scope == "waiting":
        queryset = waiting_for(user)
    else:
        queryset = requisitions_visible_to(user)
    if status:
        queryset = queryset.filter(status=status)
    return with_totals(queryset).select_related("department", "requested_by").order_by("-created_at", "-id")


def pipeline(user) -> list[dict]:
    """Count and estimated value of the visible requisitions at each stage, in pipeline order (one query)."""
    totals = (
        RequisitionLine.objects.filter(requisition__in=requisitions_visible_to(user))
        .values("requisition__status")
        .annotate(
            count=Count("requisition", distinct=True),
            value=Sum(_money(F("quantity") * F("estimated_unit_price"))),
        )
    )
    found = {row["requisition__status"]: row for row in totals}
    rows = []
    for status in PIPELINE:
        row = found.get(status, {})
        rows.append(
            {
                "status": status,
                "label": S(status).label,
                "count": row.get("count", 0),
                "value": row.get("value") or Decimal("0.00"),
            }
        )
    return rows


# --- purchase orders and receipts --------------------------------------------------------------


def order_net_expression(prefix: str = ""):
    return _money(F(f"{prefix}quantity") * F(f"{prefix}unit_price"))


def orders_list():
    """Purchase orders with supplier, requisition and net total, for the list page (one query)."""
    net = (
        PurchaseOrderLine.objects.filter(order=OuterRef("pk"))
        .values("order")
        .annotate(t=Sum(order_net_expression()))
        .values("t")
    )
    ordered = (
        PurchaseOrderLine.objects.filter(order=OuterRef("pk")).values("order").annotate(t=Sum("quantity")).values("t")
    )
    received = (
        GoodsReceiptLine.objects.filter(order_line__order=OuterRef("pk"))
        .values("order_line__order")
        .annotate(t=Sum("quantity"))
        .values("t")
    )
    return (
        PurchaseOrder.objects.select_related("supplier", "requisition__department")
        .annotate(
            net_total=Coalesce(Subquery(net, output_field=MONEY), ZERO),
            quantity_ordered=Coalesce(Subquery(ordered), 0),
            quantity_received=Coalesce(Subquery(received), 0),
        )
        .order_by("-order_date", "-id")
    )


def order_get(pk: int) -> PurchaseOrder:
    """One order with its lines (and how much of each has arrived) and its receipts, or 404."""
    received = (
        GoodsReceiptLine.objects.filter(order_line=OuterRef("pk"))
        .values("order_line")
        .annotate(t=Sum("quantity"))
        .values("t")
    )
    lines = PurchaseOrderLine.objects.select_related(
        "requisition_line__category", "asset_model__manufacturer", "consumable_item"
    ).annotate(received=Coalesce(Subquery(received), 0))
    receipts = GoodsReceipt.objects.select_related("received_by").prefetch_related(
        Prefetch("lines", queryset=GoodsReceiptLine.objects.select_related("order_line").prefetch_related("assets"))
    )
    found = (
        PurchaseOrder.objects.select_related("supplier", "requisition__department", "created_by")
        .prefetch_related(Prefetch("lines", queryset=lines), Prefetch("receipts", queryset=receipts))
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such order.")
    return found


def order_totals(order: PurchaseOrder) -> dict:
    """Net, VAT and total of an order whose lines are loaded (Decimal, rounded to the cent)."""
    net = sum((line.quantity * line.unit_price for line in order.lines.all()), Decimal("0.00"))
    vat = (net * order.vat_rate / 100).quantize(Decimal("0.01"))
    return {"net": net, "vat": vat, "total": net + vat}


# --- budgets -----------------------------------------------------------------------------------


def _gross(price: str, vat: str):
    """quantity x unit price with VAT added, for order lines or received lines."""
    return _money(F("quantity") * F(price) * (Value(100) + F(vat)) / Value(100))


def _figure_sums():
    """The three sums behind a budget line's figures: (name, rows, path from a row to its budget line, amount).

    approved_unordered: lines of approved requisitions not yet ordered (their estimate, VAT included);
    ordered_value: order lines of ordered requisitions (their value with VAT); spent: received lines whose
    delivery has an invoice number (their value with VAT).
    """
    return [
        (
            "approved_unordered",
            RequisitionLine.objects.filter(requisition__status=S.APPROVED),
            "requisition__budget_line",
            _money(F("quantity") * F("estimated_unit_price")),
        ),
        (
            "ordered_value",
            PurchaseOrderLine.objects.filter(order__requisition__status__in=ORDERED_STATUSES),
            "order__requisition__budget_line",
            _gross("unit_price", "order__vat_rate"),
        ),
        (
            "spent",
            GoodsReceiptLine.objects.exclude(receipt__invoice_number=""),
            "order_line__order__requisition__budget_line",
            _gross("order_line__unit_price", "order_line__order__vat_rate"),
        ),
    ]


def _set_figures(line: BudgetLine, sums: dict) -> None:
    for name, value in sums.items():
        setattr(line, name, value)
    line.committed = line.approved_unordered + line.ordered_value - line.spent
    line.remaining = line.amount - line.approved_unordered - line.ordered_value


class _LinesWithFigures(ModelIterable):
    """Loads the budget lines, then the three sums for all of them in one more query (three grouped sums)."""

    def __iter__(self):
        lines = list(super().__iter__())
        found = {name: {} for name, *_ in _figure_sums()}
        if lines:
            pks = [line.pk for line in lines]
            grouped = [
                rows.filter(**{f"{path}__in": pks})
                .values_list(path)
                .annotate(figure=Value(name), t=Cast(Sum(amount), MONEY))
                .values_list(path, "figure", "t")
                .order_by()
                for name, rows, path, amount in _figure_sums()
            ]
            for pk, name, total in grouped[0].union(*grouped[1:], all=True):
                found[name][pk] = total
        for line in lines:
            _set_figures(line, {name: values.get(line.pk) or Decimal("0.00") for name, values in found.items()})
        yield from lines


def budget_lines_with_figures(queryset=None):
    """Budget lines with `committed`, `spent` and `remaining` (TSh), in two queries however many lines there are.

    committed = approved requisitions not yet ordered (their estimate) + orders not yet invoiced
    (their value with VAT, less what has been received and invoiced); spent = received lines whose
    delivery has an invoice number (value with VAT); remaining = amount - committed - spent.
    The lines can still be filtered, ordered and sliced; the figures are filled in as they are loaded
    (the three sums grouped by budget line over the loaded lines, not three subqueries per line).
    """
    queryset = (BudgetLine.objects.all() if queryset is None else queryset).select_related("department")
    queryset._iterable_class = _LinesWithFigures
    return queryset


def budget_line_figures(pk: int) -> BudgetLine:
    """One budget line with its figures, in one query (the same sums, as subqueries of that line)."""
    sums = {
        name: Cast(
            Coalesce(
                Subquery(
                    rows.filter(**{path: OuterRef("pk")}).values(path).annotate(t=Sum(amount)).values("t"),
                    output_field=MONEY,
                ),
                ZERO,
            ),
            MONEY,
        )
        for name, rows, path, amount in _figure_sums()
    }
    line = BudgetLine.objects.select_related("department").annotate(**sums).get(pk=pk)
    _set_figures(line, {name: getattr(line, name) for name in sums})
    return line


def budget_report(*, fiscal_year: str = "", department_id: int | None = None) -> dict:
    """Budget vs actual rows and their totals, the same for the page and the XLSX download."""
    queryset = BudgetLine.objects.all()
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    if department_id:
        queryset = queryset.filter(department_id=department_id)
    rows = list(budget_lines_with_figures(queryset).order_by("-fiscal_year", "department__name_sw", "funding_source"))
    totals = {
        key: sum((getattr(row, key) for row in rows), Decimal("0.00"))
        for key in ("amount", "committed", "spent", "remaining")
    }
    return {"rows": rows, "totals": totals}


def fiscal_years() -> list[str]:
    return list(BudgetLine.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


def budget_lines_for(department_id: int | None):
    """Budget lines of this department, this fiscal year or later, that a new requisition may be charged to."""
    if not department_id:
        return BudgetLine.objects.none()
    this_year = FiscalYear.of(timezone.localdate()).label  # "2026/27" sorts after "2025/26"
    return BudgetLine.objects.filter(department_id=department_id, fiscal_year__gte=this_year).select_related(
        "department"
    )
