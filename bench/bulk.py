"""Fast bulk loading with PostgreSQL's COPY, for the big tables of the benchmark data set.

`copy_rows(connection, Model, fields, rows)` streams tuples into the model's table in chunks;
fields the caller leaves out get their model default (or NULL where the column allows it).
Unlike `bulk_create` it keeps `auto_now_add` times as given, and it is several times faster.
Ids may be given explicitly (then `reset_sequence` afterwards). Used by the portal's generators
and by the django-helpdesk loader alike, so it needs only Django and psycopg2.
"""

import datetime as dt
import decimal
import io
import json
import uuid
from collections.abc import Iterable

CHUNK_ROWS = 20000

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_value(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (int, float, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return f"{value.total_seconds()} seconds"
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    return str(value).translate(_ESCAPES)


def copy_line(values: Iterable) -> str:
    return "\t".join(copy_value(v) for v in values) + "\n"


def _completion(model, fields):
    """Columns the caller did not give, with how to fill each: (column, constant or callable)."""
    given = set(fields)
    extra = []
    for field in model._meta.concrete_fields:
        if field.name in given or field.attname in given or field.primary_key:
            continue
        if getattr(field, "generated", False):
            continue
        if field.has_default():
            default = field.default
            extra.append((field.column, default if callable(default) else field.get_default()))
        elif field.null:
            continue
        else:
            raise ValueError(f"{model.__name__}.{field.name} has no default and allows no NULL: give it a value.")
    return extra


def copy_rows(connection, model, fields: list[str], rows: Iterable[tuple]) -> int:
    """COPY `rows` (tuples in the order of `fields`) into `model`'s table; returns the row count."""
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    extra = _completion(model, fields)
    columns += [column for column, _ in extra]
    statement = 'COPY "{}" ({}) FROM STDIN'.format(meta.db_table, ", ".join(f'"{c}"' for c in columns))
    count = 0
    buffer = io.StringIO()
    with connection.cursor() as cursor:
        raw = getattr(cursor, "cursor", cursor)  # Django's wrapper around the psycopg2 cursor
        for row in rows:
            values = list(row)
            values += [fill() if callable(fill) else fill for _, fill in extra]
            buffer.write(copy_line(values))
            count += 1
            if count % CHUNK_ROWS == 0:
                buffer.seek(0)
                raw.copy_expert(statement, buffer)
                buffer = io.StringIO()
        if buffer.tell():
            buffer.seek(0)
            raw.copy_expert(statement, buffer)
    return count


def reset_sequence(connection, model) -> None:
    """Move the id sequence past the largest id, after rows were copied with explicit ids."""
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE((SELECT MAX("{pk}") FROM "{table}"), 0) + 1,'
            " false)",
            [f'"{table}"', pk],
        )


def analyze(connection, *models) -> None:
    """Refresh the planner's statistics after a bulk load (autovacuum would, later)."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def advance_reference_sequences(connection, last_by_key: dict[str, int]) -> None:
    """Move `kilombero_ict.ReferenceSequence` rows (T-2026, tag:KDC/ICT/2026/...) past generated numbers, never back.

    After this, `next_reference` / `next_asset_tag` hand out the number after the highest one loaded.
    """
    from kilombero_ict.models import ReferenceSequence

    table = ReferenceSequence._meta.db_table
    with connection.cursor() as cursor:
        for key, last in last_by_key.items():
            cursor.execute(
                f'INSERT INTO "{table}" (key, last_value) VALUES (%s, %s) '
                f'ON CONFLICT (key) DO UPDATE SET last_value = GREATEST("{table}".last_value, EXCLUDED.last_value)',
                [key, last],
            )
