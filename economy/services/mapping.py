"""Which statement line an account belongs to: Kommun-Bas ranges, then the förbund's overrides.

The default table is the one in `docs/format/sie-och-bokslut.md`. An account is placed by its
first four digits (so a municipal system's 5- or 6-digit account 35101 counts as 3510);
an account with fewer than four leading digits has no default line. Accounts outside every
range (for example 8999 "Årets resultat", booked against equity) are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import request_memo
from economy.choices import NO_LINE, StatementLine

L = StatementLine
DEFAULT_RANGES: tuple[tuple[int, int, str], ...] = (
    (1000, 1099, L.INTANGIBLE_ASSETS),
    (1100, 1299, L.TANGIBLE_ASSETS),
    (1300, 1399, L.FINANCIAL_ASSETS),
    (1400, 1499, L.INVENTORIES),
    (1500, 1799, L.RECEIVABLES),
    (1800, 1899, L.SHORT_TERM_INVESTMENTS),
    (1900, 1999, L.CASH),
    (2000, 2099, L.EQUITY),
    (2100, 2299, L.PROVISIONS),
    (2300, 2399, L.LONG_TERM_LIABILITIES),
    (2400, 2999, L.SHORT_TERM_LIABILITIES),
    (3000, 3999, L.OPERATING_INCOME),
    (4000, 7799, L.OPERATING_COSTS),
    (7800, 7899, L.DEPRECIATION),
    (7900, 7999, L.OPERATING_COSTS),
    (8400, 8499, L.FINANCIAL_INCOME),
    (8500, 8599, L.FINANCIAL_COSTS),
    (8700, 8799, L.EXTRAORDINARY),
)


def account_key(number: str) -> int | None:
    """The four-digit number an account is placed by, or None."""
    head = number.strip()[:4]
    if len(head) == 4 and head.isdigit():
        return int(head)
    return None


def default_line(number: str) -> str | None:
    key = account_key(number)
    if key is None:
        return None
    for low, high, line in DEFAULT_RANGES:
        if low <= key <= high:
            return str(line)
    return None


def default_ranges_by_line() -> dict[str, list[tuple[int, int]]]:
    """For the mapping page: each line with its default account ranges."""
    result: dict[str, list[tuple[int, int]]] = {}
    for low, high, line in DEFAULT_RANGES:
        result.setdefault(str(line), []).append((low, high))
    return result


@dataclass
class AccountMapping:
    """The default ranges with a förbund's per-account overrides on top."""

    overrides: dict[str, str] = field(default_factory=dict)

    def line_for(self, number: str) -> str | None:
        override = self.overrides.get(number.strip())
        if override is not None:
            return None if override == NO_LINE else override
        return default_line(number)

    def is_overridden(self, number: str) -> bool:
        return number.strip() in self.overrides


@request_memo.memoize
def mapping_for(forbund) -> AccountMapping:
    """The förbund's mapping. Call inside scope(forbund=...)."""
    from economy.models import AccountLineOverride

    overrides = dict(
        AccountLineOverride.objects.filter(forbund=forbund).values_list("account", "line")
    )
    return AccountMapping(overrides)
