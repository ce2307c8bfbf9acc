"""A realistic SIE 4E file for benchmarks and the import tests: a förbund's year with N
transaction rows, written by the shared writer (samples/sie_writer.py).

    python -m bench.generate_sie /tmp/bench.se --transactions 100000

Vouchers of 2–5 rows that balance, Kommun-Bas accounts, insatser as objects in
dimension 6 (Projekt), opening balances, and #UB/#RES that agree with the transactions.
CP437 like a standard export. Deterministic for a given --seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from samples.sie_writer import Books, Transaction, Voucher, sie_text

INCOME_ACCOUNTS = {
    "3510": "Medlemsbidrag staten",
    "3520": "Medlemsbidrag region",
    "3530": "Medlemsbidrag kommuner",
    "3590": "Övriga bidrag",
}
COST_ACCOUNTS = {
    "4010": "Köpta tjänster insatser",
    "5010": "Löner tillsvidareanställda",
    "5410": "Arbetsgivaravgifter",
    "6110": "Lokalhyra",
    "6410": "Kontorsmaterial",
    "6550": "Konsulttjänster",
    "7010": "Resor och logi",
    "7090": "Övriga kostnader",
}
BALANCE_ACCOUNTS = {
    "1510": "Kundfordringar",
    "1790": "Förutbetalda kostnader",
    "1930": "Bank",
    "2010": "Eget kapital",
    "2440": "Leverantörsskulder",
    "2710": "Personalens källskatt",
}
INSATSER = {f"P{number:03d}": f"Insats {number}, Åter i arbete" for number in range(1, 41)}
YEAR_START = date(2023, 1, 1)


def generate(transactions: int = 100_000, seed: int = 1) -> str:
    """Return the file as text; vouchers hold `transactions` rows in total."""
    rng = random.Random(seed)
    vouchers: list[Voucher] = []
    written = 0
    while written < transactions:
        rows = min(rng.randint(2, 5), transactions - written)
        if rows < 2:
            rows = 2  # a voucher needs two rows; the file may end one row over N
        day = YEAR_START + timedelta(days=rng.randrange(365))
        vouchers.append(_voucher(rng, day, rows))
        written += rows
    return sie_text(
        Books(
            program="Samordna bench",
            company="Samordningsförbundet Bänk",
            org_number="222000-0000",
            year=YEAR_START.year,
            generated=date(2024, 1, 15),
            accounts={**BALANCE_ACCOUNTS, **INCOME_ACCOUNTS, **COST_ACCOUNTS},
            objects=INSATSER,
            opening={"1930": Decimal("2500000.00"), "2010": Decimal("-2500000.00")},
            vouchers=vouchers,
            previous_year=True,
        )
    )


def _voucher(rng: random.Random, day: date, rows: int) -> Voucher:
    income = rng.random() < 0.2
    text = "Medlemsbidrag" if income else f"Faktura {rng.randint(1000, 99999)}"
    transactions = []
    balance_total = Decimal(0)
    for _ in range(rows - 1):
        amount = Decimal(rng.randint(100, 5_000_000)) / 100
        if income:
            account, amount = rng.choice(list(INCOME_ACCOUNTS)), -amount
        else:
            account = rng.choice(list(COST_ACCOUNTS))
        insats = rng.choice(list(INSATSER))
        transactions.append(Transaction(account, amount, ((6, insats),), day, text))
        balance_total += amount
    counter = "1930" if income else "2440"
    transactions.append(Transaction(counter, -balance_total, (), day, text))
    return Voucher("A", day, text, transactions, registered=day)
