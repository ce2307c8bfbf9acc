"""Splitting an amount in whole kronor by weights, preserving the total (largest remainder).

The method lives in core.apportion (one place for the whole system); this module keeps the
budget app's name for it.
"""

from core.apportion import Exact as Weight
from core.apportion import split_by_weights

__all__ = ["Weight", "split_by_weights"]
