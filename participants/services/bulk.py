"""Writing many rows at database speed, for imports of 100 000 rows.

Django's bulk_create compiles a new multi-row INSERT per batch (on SQLite only ~70 rows of a
14-column model fit) and bulk_update builds a CASE expression per field; both cost more than
the database work. Here:
- New rows: core.bulk.insert_rows (COPY on PostgreSQL, a prepared INSERT on SQLite).
- Changed rows: PostgreSQL, one `UPDATE … FROM (VALUES …)` per chunk; SQLite, one prepared
  UPDATE executed by sqlite3 for every parameter row (a C loop).

The caller has validated the rows; the database still enforces every constraint. Values must be
what the driver accepts: dates, ints and strings as they are; a datetime or decimal adapted
once with `db_value()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router

CHUNK = 5000
UPDATE_CHUNK = 1000


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """itertools.batched of Python 3.12, as lists."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def db_value(model: type[models.Model], attname: str, value: Any) -> Any:
    """A value as the driver needs it (aware datetimes on SQLite, decimals…). Adapt constants
    such as a shared timestamp once with this, not per row."""
    connection = connections[router.db_for_write(model)]
    return _get_field(model, attname).get_db_prep_save(value, connection)


def update_rows(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Iterable[tuple[Any, Sequence[Any]]],
) -> int:
    """UPDATE the given fields of each (pk, values) row. Returns the number of rows."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    fields = [_get_field(model, name) for name in attnames]
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Typed placeholders: a column of only NULLs would otherwise be read as text.
            types = [model._meta.pk.db_type(connection), *(f.db_type(connection) for f in fields)]
            row_sql = "(" + ", ".join(f"%s::{db_type}" for db_type in types) + ")"
            names = ", ".join(["pk", *(f"c{i}" for i in range(len(fields)))])
            assignments = ", ".join(
                f"{quote(field.column)} = v.c{i}" for i, field in enumerate(fields)
            )
            for chunk in batched(rows, UPDATE_CHUNK):
                values = ", ".join([row_sql] * len(chunk))
                params = [value for key, row in chunk for value in (key, *row)]
                cursor.execute(
                    f"UPDATE {table} SET {assignments} FROM (VALUES {values}) "  # noqa: S608
                    f"AS v({names}) WHERE {table}.{pk} = v.pk",
                    params,
                )
                count += len(chunk)
            return count
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
        for chunk in batched(((*values, key) for key, values in rows), CHUNK):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def fetch_rows(queryset: models.QuerySet) -> Iterator[tuple[Any, ...]]:
    """The rows of a values_list() queryset straight from the driver, skipping Django's
    per-row converters (a second per 100 000 rows). Only for fields the driver already returns
    as Python values: ints, strings, dates (sqlite3 converts dates by declared type).
    A queryset that can match nothing (`filter(pk__in=[])`) yields no rows."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            yield from chunk


def _get_field(model: type[models.Model], attname: str) -> models.Field:
    """The concrete field with this attname (`insats_id` → the `insats` foreign key)."""
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    raise KeyError(attname)
