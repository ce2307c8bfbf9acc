"""Multi-row INSERTs of plain tuples, for the three large ledger tables.

`bulk_create` builds a model instance per row and prepares every field value through the
ORM; for a year of 100 000 transaction rows that alone took about 10 of 13 seconds
(measured, see docs/benchmarks.md). This writes the same multi-row `INSERT … VALUES …,
… RETURNING id` statements that bulk_create writes, from tuples. Like bulk_create it relies on
PostgreSQL and SQLite (≥ 3.35) returning the new ids in the order of the VALUES rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

MAX_ROWS_PER_STATEMENT = 2000


def _batch_size(column_count: int) -> int:
    limit = connection.features.max_query_params
    if limit is None:
        return MAX_ROWS_PER_STATEMENT
    return max(1, min(MAX_ROWS_PER_STATEMENT, limit // column_count))


def insert_rows(
    model, fields: Sequence[str], rows: Sequence[tuple], *, returning_ids: bool = False
) -> list[int]:
    """Insert `rows` (tuples in the order of `fields`, values ready for the database driver:
    ids for foreign keys, Decimal, date, str, None). Returns the new ids if asked."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    table = quote(model._meta.db_table)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk = quote(model._meta.pk.column)
    size = _batch_size(len(fields))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(batch))}"  # noqa: S608
            if returning_ids:
                sql += f" RETURNING {pk}"
            cursor.execute(sql, [value for row in batch for value in row])
            if returning_ids:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids
