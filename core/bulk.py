"""Fast inserts of plain tuples, for the large tables (ledger rows, participations).

`bulk_create` builds a model instance per row and prepares every value through the ORM; for
a year of 100 000 transaction rows that alone took about 10 of 13 seconds on SQLite
(measured, see docs/benchmarks.md). So these tables are written from tuples:

- PostgreSQL: ids are reserved from the table's sequence in one query, then the rows go in
  with COPY. (Multi-row INSERTs are slow there: psycopg re-parses every statement longer
  than 4 kB on the client, 16 of 23 seconds for 100 000 rows.)
- Others (SQLite): when the new ids are wanted, multi-row `INSERT … VALUES …, … RETURNING id`,
  the statements bulk_create writes (like bulk_create this relies on SQLite ≥ 3.35 returning
  the ids in the order of the VALUES rows); otherwise one prepared INSERT executed by sqlite3
  for every row (a C loop, faster still).

Values must be ready for the driver: ids for foreign keys, Decimal, date, str or None.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

MAX_ROWS_PER_STATEMENT = 2000


def insert_rows(
    model, fields: Sequence[str], rows: Sequence[tuple], *, returning_ids: bool = False
) -> list[int]:
    """Insert `rows` (tuples in the order of `fields`). Returns the new ids if asked."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy_with_reserved_ids(model, fields, rows)
    if not returning_ids:
        _prepared_insert(model, fields, rows)
        return []
    return _multi_row_insert(model, fields, rows, returning_ids)


def _columns(model, fields: Sequence[str]) -> list[str]:
    quote = connection.ops.quote_name
    return [quote(model._meta.get_field(name).column) for name in fields]


def _copy_with_reserved_ids(model, fields: Sequence[str], rows: Sequence[tuple]) -> list[int]:
    table = model._meta.db_table
    pk = model._meta.pk.column
    quote = connection.ops.quote_name
    columns = ", ".join([quote(pk), *_columns(model, fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(table), pk, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for new_id, row in zip(ids, rows, strict=True):
                copy.write_row((new_id, *row))
    return ids


def _prepared_insert(model, fields: Sequence[str], rows: Sequence[tuple]) -> None:
    columns = ", ".join(_columns(model, fields))
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def _multi_row_insert(
    model, fields: Sequence[str], rows: Sequence[tuple], returning_ids: bool
) -> list[int]:
    quote = connection.ops.quote_name
    columns = ", ".join(_columns(model, fields))
    table = quote(model._meta.db_table)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    limit = connection.features.max_query_params
    size = MAX_ROWS_PER_STATEMENT if limit is None else max(1, limit // len(fields))
    size = min(size, MAX_ROWS_PER_STATEMENT)
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join([one_row] * len(batch))
            sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608
            if returning_ids:
                sql += f" RETURNING {quote(model._meta.pk.column)}"
            cursor.execute(sql, [value for row in batch for value in row])
            if returning_ids:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids
