"""Typed reading of single SIE fields. Each helper raises FieldError with a Swedish reason
that names the field and its value; the reader adds label and line number."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .errors import FieldError
from .model import ObjectList
from .tokenizer import Field

_AMOUNT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DATE = re.compile(r"\d{8}")
_INTEGER = re.compile(r"[+-]?\d+")
_PERIOD = re.compile(r"\d{6}")

_date_cache: dict[str, date] = {}


def text(fields: list[Field], index: int, name: str, *, required: bool = False) -> str:
    """A plain text field; missing optional fields read as ""."""
    if index >= len(fields):
        if required:
            raise FieldError(f"fält {index + 1} ({name}) saknas")
        return ""
    value = fields[index]
    if isinstance(value, tuple):
        raise FieldError(f"fält {index + 1} ({name}) är en objektlista {{…}}, väntade text")
    return value


def required_text(fields: list[Field], index: int, name: str) -> str:
    value = text(fields, index, name, required=True)
    if not value:
        raise FieldError(f"fält {index + 1} ({name}) är tomt")
    return value


def amount(fields: list[Field], index: int, name: str = "belopp") -> Decimal:
    value = text(fields, index, name, required=True)
    return _to_decimal(value, index, name)


def optional_amount(fields: list[Field], index: int, name: str) -> Decimal | None:
    value = text(fields, index, name)
    return _to_decimal(value, index, name) if value else None


def _to_decimal(value: str, index: int, name: str) -> Decimal:
    if not _AMOUNT.fullmatch(value):
        raise FieldError(
            f'fält {index + 1} ({name}): "{value}" är inget giltigt belopp '
            "(skrivs med punkt som decimaltecken, t.ex. -1234.50)"
        )
    return Decimal(value)


def integer(fields: list[Field], index: int, name: str) -> int:
    value = text(fields, index, name, required=True)
    if not _INTEGER.fullmatch(value) or len(value) > 18:
        raise FieldError(f'fält {index + 1} ({name}): "{value}" är inget heltal')
    return int(value)


def required_date(fields: list[Field], index: int, name: str) -> date:
    value = text(fields, index, name, required=True)
    return _to_date(value, index, name)


def optional_date(fields: list[Field], index: int, name: str) -> date | None:
    value = text(fields, index, name)
    return _to_date(value, index, name) if value else None


def _to_date(value: str, index: int, name: str) -> date:
    cached = _date_cache.get(value)
    if cached is not None:
        return cached
    reason = "skrivs ÅÅÅÅMMDD"
    if _DATE.fullmatch(value):
        try:
            parsed = date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            reason = "datumet finns inte"
        else:
            if len(_date_cache) < 100_000:
                _date_cache[value] = parsed
            return parsed
    raise FieldError(f'fält {index + 1} ({name}): "{value}" är inget giltigt datum ({reason})')


def period(fields: list[Field], index: int, name: str = "period") -> str:
    value = text(fields, index, name, required=True)
    if not _PERIOD.fullmatch(value) or not 1 <= int(value[4:]) <= 12:
        raise FieldError(f'fält {index + 1} ({name}): "{value}" är ingen giltig period (ÅÅÅÅMM)')
    return value


def object_list(fields: list[Field], index: int, name: str = "objektlista") -> ObjectList:
    """`{dim object dim object …}`; a missing or empty-text field counts as no objects."""
    if index >= len(fields):
        return ()
    value = fields[index]
    if not isinstance(value, tuple):
        if value == "":
            return ()
        raise FieldError(f'fält {index + 1} ({name}): "{value}" är ingen objektlista {{…}}')
    if not value:
        return ()
    if len(value) % 2:
        raise FieldError(
            f"fält {index + 1} ({name}): objektlistan {{{' '.join(value)}}} ska bestå av par "
            "(dimension objekt)"
        )
    pairs = []
    for position in range(0, len(value), 2):
        dimension = value[position]
        if not _INTEGER.fullmatch(dimension) or len(dimension) > 9:
            raise FieldError(
                f'fält {index + 1} ({name}): dimension "{dimension}" i objektlistan är inget heltal'
            )
        pairs.append((int(dimension), value[position + 1]))
    return tuple(pairs)


def single_object(fields: list[Field], index: int, name: str = "objekt") -> tuple[int, str]:
    objects = object_list(fields, index, name)
    if len(objects) != 1:
        raise FieldError(
            f"fält {index + 1} ({name}): väntade exakt ett objekt {{dimension objekt}}"
        )
    return objects[0]
