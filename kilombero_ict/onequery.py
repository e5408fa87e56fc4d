"""Several numbers from different tables in one database round trip.

The home page's boxes each show a handful of counts from different tables (assets in store,
maintenance overdue, consumables low in stock, ...). Asked one by one they cost a query each;
`numbers()` puts them in one statement as scalar subqueries:

    SELECT (SELECT row_to_json(t) FROM (<aggregates over assets>) t),
           (SELECT COUNT(*) FROM (<maintenance overdue>) t),
           (SELECT EXISTS(<risks the person owns>))

Each part is an ordinary queryset, so a box's number and the list its link opens still come
from the same filter. Only counts and other JSON-safe numbers belong here (row_to_json turns a
Decimal sum into a float).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet, Value


@dataclass(frozen=True)
class Rows:
    """How many rows the queryset holds (its `.count()`)."""

    queryset: QuerySet

    def sql(self):
        sql, params = self.queryset.order_by().values("pk").query.sql_with_params()
        return f"SELECT COUNT(*) FROM ({sql}) AS counted", params  # noqa: S608 - SQL compiled by Django

    def value(self, raw):
        return raw or 0


@dataclass(frozen=True)
class Any:
    """Whether the queryset holds any row (its `.exists()`)."""

    queryset: QuerySet

    def sql(self):
        sql, params = self.queryset.order_by().values("pk")[:1].query.sql_with_params()
        return f"SELECT EXISTS({sql})", params

    def value(self, raw):
        return bool(raw)


@dataclass(frozen=True)
class Table:
    """The queryset's rows as a list of dicts (a `.values()` queryset; dates come back as ISO strings)."""

    queryset: QuerySet

    def sql(self):
        sql, params = self.queryset.query.sql_with_params()
        return f"SELECT COALESCE(json_agg(listed), '[]') FROM ({sql}) AS listed", params  # noqa: S608 - by Django

    def value(self, raw):
        return raw or []


class Totals:
    """`queryset.aggregate(**aggregates)`: a dict of the named aggregates."""

    def __init__(self, queryset: QuerySet, **aggregates):
        self.queryset = queryset
        self.aggregates = aggregates

    def sql(self):
        # Grouping by a constant leaves no GROUP BY at all: exactly one row, as aggregate() gives.
        grouped = (
            self.queryset.order_by()
            .annotate(_whole=Value(1))
            .values("_whole")
            .annotate(**self.aggregates)
            .values(*self.aggregates)
        )
        sql, params = grouped.query.sql_with_params()
        return f"SELECT row_to_json(totals) FROM ({sql}) AS totals", params  # noqa: S608 - SQL compiled by Django

    def value(self, raw):
        raw = raw or {}
        return {name: raw.get(name) for name in self.aggregates}


def numbers(**parts) -> dict:
    """Evaluate every part (Rows, Any, Table, Totals) in one statement; {name: value}."""
    if not parts:
        return {}
    selects, params = [], []
    for name, part in parts.items():
        sql, part_params = part.sql()
        selects.append(f'({sql}) AS "{name}"')
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return {name: part.value(raw) for (name, part), raw in zip(parts.items(), row, strict=True)}
