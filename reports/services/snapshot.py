"""Report data as plain JSON: what an adopted version stores and what the builders read.

A report is built in two steps: collect the data from the services into a JSON-ready dict
(the snapshot), then build the Document from the snapshot alone. Storing the snapshot with an
adopted version therefore freezes every figure the report shows.

Numbers are JSON numbers: integers stay integers; Decimals become floats, which is exact for
the öre-rounded amounts of the statements (to_decimal() goes through the shortest repr, so
1814500.25 formats as 1 814 500,25) and for the one-decimal shares of the goals.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal
from typing import Any

SCHEMA_VERSION = 1


def jsonable(value: Any) -> Any:
    """A deep copy with Decimals as numbers, dates as ISO strings and tuples as lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def data_fingerprint(data: Any) -> str:
    """SHA-256 of the canonical JSON: equal data, equal fingerprint."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
