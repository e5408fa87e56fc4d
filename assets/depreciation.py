"""Straight-line depreciation: the value of an asset falls evenly, day by day, from its purchase to its end of life.

One function for the asset page, the register list and the "as at" report, so that every figure
agrees. No residual value is kept: at the end of its useful life an asset is worth nothing in the books.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

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
