"""A förbund's economy settings, with the defaults when it has saved none."""

from __future__ import annotations

from core import request_memo

from ..models import EconomySettings


@request_memo.memoize
def settings_for(forbund) -> EconomySettings:
    """The saved settings, or unsaved defaults (reading a page never writes)."""
    return EconomySettings.objects.filter(forbund=forbund).first() or EconomySettings(
        forbund=forbund
    )


def account_in_ranges(number: str, ranges: str) -> bool:
    """Is the account within "3510-3539, 3590"? Compared on the first four digits."""
    from .mapping import account_key

    key = account_key(number)
    if key is None:
        return False
    for part in ranges.split(","):
        low, _dash, high = part.strip().partition("-")
        if not low.strip():
            continue
        low_key = account_key(low.strip().ljust(4, "0")) or 0
        high_key = account_key(high.strip().ljust(4, "9")) if high.strip() else low_key
        if low_key <= key <= (high_key or low_key):
            return True
    return False
