"""Write a realistic SIE 4E file for benchmarks: a förbund's year with N transaction rows.

    python -m bench.generate_sie /tmp/bench.se --transactions 100000

Vouchers of 2–5 rows that balance, Kommun-Bas accounts, insatser as objects in
dimension 6 (Projekt), opening balances, and #UB/#RES that agree with the transactions.
CP437 like a standard export. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

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
    out: list[str] = [
        "#FLAGGA 0",
        '#PROGRAM "Samordna bench" 1.0',
        "#FORMAT PC8",
        "#GEN 20240115",
        "#SIETYP 4",
        '#FNAMN "Samordningsförbundet Bänk"',
        "#ORGNR 222000-0000",
        "#RAR 0 20230101 20231231",
        "#RAR -1 20220101 20221231",
        "#KPTYP BAS2014",
        '#DIM 6 "Projekt"',
    ]
    accounts = {**BALANCE_ACCOUNTS, **INCOME_ACCOUNTS, **COST_ACCOUNTS}
    for number, name in accounts.items():
        out.append(f'#KONTO {number} "{name}"')
    for code, name in INSATSER.items():
        out.append(f'#OBJEKT 6 {code} "{name}"')
    opening = {"1930": Decimal("2500000.00"), "2010": Decimal("-2500000.00")}
    for number, amount in opening.items():
        out.append(f"#IB 0 {number} {amount}")
    totals: dict[str, Decimal] = {}
    voucher_rows: list[str] = []
    written = 0
    voucher_number = 0
    while written < transactions:
        rows = min(rng.randint(2, 5), transactions - written)
        if rows < 2:
            rows = 2  # a voucher needs two rows; the file may end one row over N
        voucher_number += 1
        day = YEAR_START + timedelta(days=rng.randrange(365))
        voucher_rows.extend(_voucher(rng, voucher_number, day, rows, totals))
        written += rows
    for number in BALANCE_ACCOUNTS:
        closing = opening.get(number, Decimal(0)) + totals.get(number, Decimal(0))
        out.append(f"#UB 0 {number} {closing}")
    for number in (*INCOME_ACCOUNTS, *COST_ACCOUNTS):
        out.append(f"#RES 0 {number} {totals.get(number, Decimal(0))}")
    out.extend(voucher_rows)
    return "\r\n".join(out) + "\r\n"


def _voucher(
    rng: random.Random, number: int, day: date, rows: int, totals: dict[str, Decimal]
) -> list[str]:
    stamp = day.strftime("%Y%m%d")
    income = rng.random() < 0.2
    text = "Medlemsbidrag" if income else f"Faktura {rng.randint(1000, 99999)}"
    lines = [f'#VER A {number} {stamp} "{text}" {stamp}', "{"]
    balance_total = Decimal(0)
    for _ in range(rows - 1):
        amount = Decimal(rng.randint(100, 5_000_000)) / 100
        if income:
            account, amount = rng.choice(list(INCOME_ACCOUNTS)), -amount
        else:
            account = rng.choice(list(COST_ACCOUNTS))
        insats = rng.choice(list(INSATSER))
        lines.append(f'#TRANS {account} {{6 "{insats}"}} {amount} {stamp} "{text}"')
        totals[account] = totals.get(account, Decimal(0)) + amount
        balance_total += amount
    counter = "1930" if income else "2440"
    lines.append(f'#TRANS {counter} {{}} {-balance_total} {stamp} "{text}"')
    totals[counter] = totals.get(counter, Decimal(0)) - balance_total
    lines.append("}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Skriv en SIE 4E-fil för prestandamätning.")
    parser.add_argument("output", type=Path, help="filen som ska skrivas")
    parser.add_argument("--transactions", type=int, default=100_000, help="antal #TRANS-rader")
    parser.add_argument("--seed", type=int, default=1, help="slumpfrö")
    args = parser.parse_args()
    args.output.write_bytes(generate(args.transactions, args.seed).encode("cp437"))
    print(f"Skrev {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
