"""SIE file reader (SIE 4B: types 1, 2, 3, 4E, 4I). Pure Python, no Django.

from economy.sie import read_sie, SieError
sie = read_sie(path_or_bytes)          # SieFile, or SieError with .problems
"""

from .checksum import sie_checksum
from .encoding import decode_sie, detect_encoding
from .errors import Problem, SieError
from .model import (
    Account,
    BalanceMismatch,
    Dimension,
    FinancialYear,
    ObjectBalance,
    ObjectList,
    ObjectRef,
    PeriodAmount,
    SieFile,
    SieObject,
    Transaction,
    Voucher,
)
from .reader import read_sie

__all__ = [
    "Account",
    "BalanceMismatch",
    "Dimension",
    "FinancialYear",
    "ObjectBalance",
    "ObjectList",
    "ObjectRef",
    "PeriodAmount",
    "Problem",
    "SieError",
    "SieFile",
    "SieObject",
    "Transaction",
    "Voucher",
    "decode_sie",
    "detect_encoding",
    "read_sie",
    "sie_checksum",
]
