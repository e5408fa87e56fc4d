"""Straight-line depreciation: the value of an asset falls evenly, day by day, from its purchase to its end of life.

One function for the asset page, the register list and the "as at" report, so that every figure
agrees. No residual value is kept: at the end of its useful life an asset is worth nothing in the books.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, DateField, DecimalField, F, Func, Q, Value, When
from django.db.models.functions import Coalesce, NullIf, Round

CENT = Decimal("0.01")


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def period_end(purchase_date: dt.date | None, useful_life_years: int | None, end_of_life: dt.date | None):
    """The day the asset is fully depreciated: its end-of-life date if set, else purchase date + useful life."""
    if end_of_life:
        return end_of_life
    if purchase_date and useful_life_years:
        return add_years(purchase_date, useful_life_years)
    return None


def book_value(cost: Decimal | None, start: dt.date | None, end: dt.date | None, as_at: dt.date) -> Decimal | None:
    """The value of an asset bought for `cost` on `start`, depreciated to nothing by `end`, on `as_at`.

    None when the cost is unknown. Without a purchase date or an end the asset cannot be depreciated
    and keeps its cost. Before the purchase date the value is the cost.
    """
    if cost is None:
        return None
    cost = Decimal(cost)
    if not start or not end or end <= start:
        return cost.quantize(CENT)
    if as_at <= start:
        return cost.quantize(CENT)
    if as_at >= end:
        return Decimal("0.00")
    used = Decimal((as_at - start).days) / Decimal((end - start).days)
    return (cost * (1 - used)).quantize(CENT, rounding=ROUND_HALF_UP)


def annual_charge(cost: Decimal | None, start: dt.date | None, end: dt.date | None) -> Decimal | None:
    """The depreciation of one full year (cost spread evenly over the days of the useful life)."""
    if cost is None or not start or not end or end <= start:
        return None
    return (Decimal(cost) * Decimal(365) / Decimal((end - start).days)).quantize(CENT, rounding=ROUND_HALF_UP)


# --- The same rules as SQL, for reports that add up the whole register in the database ------------------
#
# `period_end_expression()` and `book_value_expression(as_at)` are the twins of `period_end()` and
# `book_value()` above, written as database expressions over an Asset queryset, so that a report of
# 20,000 assets sums book values in PostgreSQL instead of building 20,000 objects. Each asset's value is
# rounded to the cent before it is added up, as above; tests/assets/test_depreciation.py checks that the
# two give the same value, to the cent, for every case above (no dates, no life, leap days, before the
# purchase, after the end).


class _AddYears(Func):
    """`date + n years` as a date (29 February becomes 28 February, as `add_years` does)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        day, day_params = compiler.compile(self.source_expressions[0])
        years, years_params = compiler.compile(self.source_expressions[1])
        return f"CAST({day} + make_interval(years => {years}) AS date)", (*day_params, *years_params)


class _StraightLine(Func):
    """ROUND(cost * (1 - (as_at - start) / (end - start)), 2): the value part way through the life."""

    output_field = DecimalField(max_digits=14, decimal_places=2)

    def as_sql(self, compiler, connection, **extra):
        compiled = [compiler.compile(expression) for expression in self.source_expressions]
        (cost, p1), (start, p2), (end, p3), (as_at, p4) = compiled
        sql = f"ROUND({cost} * (1 - CAST(({as_at}) - ({start}) AS numeric) / CAST(({end}) - ({start}) AS numeric)), 2)"
        return sql, (*p1, *p4, *p2, *p3, *p2)


def period_end_expression(prefix: str = ""):
    """The asset's end of life: its end-of-life date, else purchase date + useful life (the asset's, else the
    category's; a life of 0 years counts as none)."""
    life = NullIf(
        Coalesce(NullIf(F(f"{prefix}useful_life_years"), 0), F(f"{prefix}model__category__default_useful_life_years")),
        0,
    )
    return Coalesce(F(f"{prefix}end_of_life"), _AddYears(F(f"{prefix}purchase_date"), life), output_field=DateField())


def book_value_expression(as_at: dt.date, end="depreciation_end_sql"):
    """The asset's book value on `as_at`; needs `end` annotated first (`period_end_expression()`).

    NULL when the cost is unknown, as `book_value` gives None.
    """
    day = Value(as_at, output_field=DateField())
    cost = F("purchase_cost")
    start = F("purchase_date")
    keeps_cost = Q(purchase_date__isnull=True) | Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__lte": start})
    keeps_cost |= Q(purchase_date__gte=day)
    return Case(
        When(purchase_cost__isnull=True, then=Value(None)),
        When(keeps_cost, then=Round(cost, 2)),
        When(**{f"{end}__lte": day}, then=Value(Decimal("0.00"))),
        default=_StraightLine(cost, start, F(end), day),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
