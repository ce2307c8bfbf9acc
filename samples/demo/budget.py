"""Demo data: populations, contributions 2021–2026, budgets with revisions, ideal allocation.

Called by `manage.py load_demo` inside scope(forbund=demo). The ideal allocation's inputs are
installation-level: they are created for 2023–2025 unless those years already exist, with two
fictive neighbouring förbund so the county overview (admin) has something to compare.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from budget.choices import BudgetCategory
from budget.models import (
    AllocationRound,
    Budget,
    BudgetLine,
    Contribution,
    ForbundActualAllocation,
    MunicipalityAllocationInput,
    MunicipalPopulation,
)
from budget.services.contributions import calculate_contributions, save_calculation
from budget.services.editing import NewLine, create_budget, create_revision
from organisations.choices import MemberKind, Role
from organisations.models import Member
from participants.models import Insats

YEARS = range(2021, 2027)
# Total requested and decided from the members per year (kronor).
REQUESTED = {
    2021: 6_000_000,
    2022: 6_000_000,
    2023: 6_000_000,
    2024: 7_000_000,
    2025: 7_000_000,
    2026: 8_000_000,
}
DECIDED = {
    2021: 6_000_000,
    2022: 6_000_000,
    2023: 6_000_000,
    2024: 6_350_000,
    2025: 7_000_000,
    2026: 7_000_000,
}
# Population per municipality in 2021, and yearly growth in persons.
POPULATION_2021 = {
    "Norrby kommun": (51_200, 450),
    "Söderås kommun": (30_900, 210),
    "Västervik-Strand kommun": (17_800, 90),
}

# (category, name, insats code or "", amount in 2024); other years are scaled.
COST_LINES = [
    (BudgetCategory.ADMINISTRATION, "Kanslipersonal", "", 1_700_000),
    (BudgetCategory.ADMINISTRATION, "Styrelse och revision", "", 230_000),
    (BudgetCategory.ADMINISTRATION, "Arbetsplats och lokal", "", 100_000),
    (BudgetCategory.ADMINISTRATION, "Medlemsavgift NNS", "", 12_000),
    (BudgetCategory.ADMINISTRATION, "Övriga administrativa kostnader", "", 18_000),
    (BudgetCategory.STRUCTURAL, "", "KOMP", 300_000),
    (BudgetCategory.STRUCTURAL, "Gemensamma forum", "", 140_000),
    (BudgetCategory.STRUCTURAL, "Insatskatalog", "", 150_000),
    (BudgetCategory.INDIVIDUAL, "", "FT", 2_400_000),
    (BudgetCategory.INDIVIDUAL, "", "AP", 1_500_000),
    (BudgetCategory.INDIVIDUAL, "", "IPS", 900_000),
]
OTHER_INCOME = ("Utlånad ekonomipersonal", 150_000)
EQUITY_LINE = "Ianspråktaget eget kapital"


def load(forbund, users) -> None:
    user = users.get(Role.EKONOM)
    members = list(Member.objects.filter(forbund=forbund))
    _populations(forbund, members)
    _contributions(forbund, user)
    _budgets(forbund, members, user)
    _ideal_allocation(forbund)


def _populations(forbund, members) -> None:
    for member in members:
        if member.kind != MemberKind.KOMMUN or member.name not in POPULATION_2021:
            continue
        start, growth = POPULATION_2021[member.name]
        for offset, year in enumerate(YEARS):
            MunicipalPopulation.objects.create(
                forbund=forbund, member=member, year=year, population=start + growth * offset
            )


def _contributions(forbund, user) -> None:
    for year in YEARS:
        save_calculation(
            forbund, calculate_contributions(forbund, year, REQUESTED[year]), "requested", user
        )
        save_calculation(
            forbund, calculate_contributions(forbund, year, DECIDED[year]), "decided", user
        )
        for contribution in Contribution.objects.filter(forbund=forbund, year=year):
            if year < 2026:
                contribution.paid = contribution.decided
            elif contribution.member.kind != MemberKind.KOMMUN:
                contribution.paid = (contribution.decided or 0) // 2  # first half-year
            contribution.save()


def _scale(amount: int, year: int) -> int:
    """2024's amount moved 3 % a year, rounded to whole thousands like real budgets."""
    return round(amount * (1.03 ** (year - 2024)) / 1000) * 1000


def _budgets(forbund, members, user) -> None:
    insatser = {insats.code: insats for insats in Insats.objects.filter(forbund=forbund)}
    for year in range(2021, 2029):
        adopted = date(year - 1, 11, 20) if year <= 2026 else None
        budget = create_budget(forbund, year, user, adopted_on=adopted)
        lines: list[BudgetLine] = []

        def add(category, name, amount, insats=None, member=None, lines=lines, budget=budget):
            lines.append(
                BudgetLine.objects.create(
                    forbund=forbund,
                    budget=budget,
                    category=category,
                    name=name or (insats.name if insats else member.name),
                    insats=insats,
                    member=member,
                    original_amount=amount,
                    position=10 * (len(lines) + 1),
                )
            )

        costs = 0
        for category, name, code, amount in COST_LINES:
            insats = insatser.get(code) if code else None
            if code and insats is None:
                continue  # the participants demo has no such insats
            if insats is not None and insats.start_date and insats.start_date.year > year:
                continue
            scaled = _scale(amount, year)
            add(category, name, scaled, insats=insats)  # add() falls back to the insats name
            costs += scaled
        income = 0
        decided = DECIDED.get(year, DECIDED[2026])
        calculation = calculate_contributions(forbund, min(year, 2026), decided)
        for share in calculation.shares:
            if share.amount:
                add(BudgetCategory.MEMBER_CONTRIBUTION, "", share.amount, member=share.member)
                income += share.amount
        add(BudgetCategory.OTHER_INCOME, OTHER_INCOME[0], OTHER_INCOME[1])
        income += OTHER_INCOME[1]
        if costs > income:
            add(BudgetCategory.EQUITY, EQUITY_LINE, costs - income)
        if 2023 <= year <= 2025:
            _revision(budget, insatser, user)


def _revision(budget: Budget, insatser, user) -> None:
    """Delårsavstämning in September: the team costs less, a mapping is added."""
    lines = {line.name: line for line in BudgetLine.objects.filter(budget=budget)}
    team = insatser.get("FT")
    changes = {}
    if team is not None and team.name in lines:
        changes[lines[team.name]] = lines[team.name].original_amount - 300_000
    if EQUITY_LINE in lines:
        changes[lines[EQUITY_LINE]] = max(lines[EQUITY_LINE].original_amount - 100_000, 0)
    create_revision(
        budget,
        user,
        decided_on=date(budget.year, 9, 18),
        reference=f"Styrelsen {budget.year}-09-18 § 7",
        note=(
            "Delårsavstämning: FINSAM-teamet har haft en vakans under våren. "
            "Medlen används till en kartläggning av unga vuxnas behov."
        ),
        changes=changes,
        new_lines=[NewLine(BudgetCategory.STRUCTURAL, "Kartläggning unga vuxna 16–29 år", 200_000)],
    )


# Installation-level: (municipality, population 16–64, försörjningsmått, förbund name).
NEIGHBOURS = [
    ("Älvby", 41_000, "3400", "Samordningsförbundet Älvdalen"),
    ("Forsby", 22_500, "2100", "Samordningsförbundet Älvdalen"),
    ("Hamnstad", 88_000, "10400", "Samordningsförbundet Kustbygden"),
    ("Skärsö", 14_200, "900", "Samordningsförbundet Kustbygden"),
    ("Ödegården", 9_800, "700", ""),
]
NEIGHBOUR_ACTUAL = {"Samordningsförbundet Älvdalen": 1.46, "Samordningsförbundet Kustbygden": 1.21}
DEMO_INPUTS = {
    "Norrby kommun": (33_600, "5200"),
    "Söderås kommun": (19_900, "2600"),
    "Västervik-Strand kommun": (11_300, "1800"),
}


def _ideal_allocation(forbund) -> None:
    from budget.services.ideal import compute_ideals

    for offset, year in enumerate((2023, 2024, 2025)):
        if AllocationRound.objects.filter(year=year).exists():
            continue
        allocation_round = AllocationRound.objects.create(
            year=year,
            appropriation=339_000_000,
            forbund_count=75,
            national_population_16_64=6_520_000 + 30_000 * offset,
            national_forsorjningsmatt=Decimal(640_000 - 8_000 * offset),
            source="Demo: påhittade siffror i Försäkringskassans modell.",
        )
        growth = 1 + 0.01 * offset
        for name, (population, fm) in DEMO_INPUTS.items():
            MunicipalityAllocationInput.objects.create(
                round=allocation_round,
                municipality=name.removesuffix(" kommun"),
                population_16_64=round(population * growth),
                forsorjningsmatt=Decimal(fm),
                forbund_name=forbund.name,
                forbund=forbund,
            )
        for municipality, population, fm, name in NEIGHBOURS:
            MunicipalityAllocationInput.objects.create(
                round=allocation_round,
                municipality=municipality,
                population_16_64=round(population * growth),
                forsorjningsmatt=Decimal(fm),
                forbund_name=name,
            )
        for ideal in compute_ideals(allocation_round):
            if ideal.name in NEIGHBOUR_ACTUAL:
                ForbundActualAllocation.objects.create(
                    round=allocation_round,
                    forbund_name=ideal.name,
                    actual_total=round(ideal.ideal_total * NEIGHBOUR_ACTUAL[ideal.name], -3),
                )
