"""The economy app's tables.

Ledger (replaced as a whole when a financial year's SIE file is imported again):
`FinancialYear` → `LedgerAccount`, `AccountBalance` (IB/UB/RES per account and year index),
`LedgerDimension`, `LedgerObject`, `Voucher` → `Transaction` → `TransactionObject`.

Configuration per förbund: `EconomySettings` (dimension, thresholds), `AccountLineOverride`
(the account→line mapping's exceptions), `EquityGuidelineStep` (Nationella rådet's
recommendation as data), `StaffYear` (årsarbetare for the five-year overview),
`BalanceAdjustment` (balanskravsjusteringar), `PendingSieUpload` (a file awaiting confirmation).
"""

from .configuration import (
    AccountLineOverride,
    BalanceAdjustment,
    EconomySettings,
    EquityGuidelineStep,
    PendingSieUpload,
    StaffYear,
)
from .ledger import (
    AccountBalance,
    FinancialYear,
    LedgerAccount,
    LedgerDimension,
    LedgerObject,
    Transaction,
    TransactionObject,
    Voucher,
)

__all__ = [
    "AccountBalance",
    "AccountLineOverride",
    "BalanceAdjustment",
    "EconomySettings",
    "EquityGuidelineStep",
    "FinancialYear",
    "LedgerAccount",
    "LedgerDimension",
    "LedgerObject",
    "PendingSieUpload",
    "StaffYear",
    "Transaction",
    "TransactionObject",
    "Voucher",
]
