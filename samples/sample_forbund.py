"""Set up a förbund from files, through the real services, as an office would.

Insatser and participants are imported from CSV (participants' import services), the books
from SIE 4 (economy.services.import_sie), contributions through the budget calculator and
the budget as lines. Used by the reports' tests, the benchmark and the demo.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django_scopes import scope

from budget.choices import BudgetCategory
from budget.models import BudgetLine, MunicipalPopulation
from budget.services import calculate_contributions, save_calculation
from budget.services.editing import create_budget
from economy.services import import_sie
from organisations.choices import MemberKind
from organisations.models import Forbund, Member
from participants.models import Insats
from participants.services.intervention_import import import_interventions
from participants.services.participant_import import import_participants
from samples.sample_data import (
    BooksSpec,
    InsatsSpec,
    MemberSpec,
    insats_csv,
    participant_csv,
    participant_rows,
    sie_books,
)

MEMBERS = (
    ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN),
    ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN),
    ("Region Testland", MemberKind.REGION),
    ("Norrby kommun", MemberKind.KOMMUN),
    ("Söderås kommun", MemberKind.KOMMUN),
)
INSATSER = (
    InsatsSpec("FT", "FINSAM-team", True, 1_450_000, 60),
    InsatsSpec("AP", "Aktivitetsplatsen", True, 2_300_000, 45),
    InsatsSpec("IPS", "IPS i psykosvården", True, 950_000, 20),
    InsatsSpec("KAT", "Insatskatalog och forum", False, 420_000),
)
POPULATIONS = {"Norrby kommun": 64_000, "Söderås kommun": 41_000}
CONTRIBUTION_TOTAL = 6_000_000
ADMIN_COSTS = 1_900_000
ESF_INCOME = 1_200_000
OTHER_INCOME = 150_000


@dataclass
class SampleForbund:
    forbund: Forbund
    years: list[int]
    participations: int
    sie_files: dict[int, bytes] = field(default_factory=dict)
    book_specs: dict[int, BooksSpec] = field(default_factory=dict)


def _check(result, what: str) -> None:
    if result.errors:
        problems = "; ".join(str(error) for error in result.errors[:5])
        raise RuntimeError(f"{what} kunde inte läsas in: {problems}")


def create_sample_forbund(
    slug: str = "testa",
    name: str = "Samordningsförbundet Testa",
    *,
    years: tuple[int, ...] = (2022, 2023),
    scale: float = 1.0,
    seed: int = 7,
    user=None,
    forbund: Forbund | None = None,
    insatser: tuple[InsatsSpec, ...] = INSATSER,
) -> SampleForbund:
    """A förbund with members, insatser, participations, budgets, contributions and books
    for `years` (participations also the two years before the first, for comparisons).

    `scale` multiplies the participations (scale 40 gives about 10 000 for two years).
    """
    if forbund is None:
        forbund = Forbund.objects.create(
            slug=slug, name=name, org_number="222000-9999", seat="Norrby"
        )
        with scope(forbund=forbund):
            for member_name, kind in MEMBERS:
                Member.objects.create(
                    forbund=forbund, name=member_name, kind=kind, joined_on=date(2012, 1, 1)
                )
    with scope(forbund=forbund):
        members = list(Member.objects.all())
    insats_result = import_interventions(
        forbund, io.BytesIO(insats_csv(insatser, date(min(years) - 3, 1, 1))), "insatser.csv", user
    )
    _check(insats_result, "Insatsfilen")
    participant_years = list(range(min(years) - 2, max(years) + 1))
    rows = participant_rows(insatser, participant_years, seed=seed, scale=scale)
    result = import_participants(forbund, io.BytesIO(participant_csv(rows)), "deltagare.csv", user)
    _check(result, "Deltagarfilen")

    sample = SampleForbund(forbund=forbund, years=list(years), participations=len(rows))
    opening = {"1930": Decimal("1500000.00"), "2010": Decimal("-1500000.00")}
    with scope(forbund=forbund):
        by_code = {insats.code: insats for insats in Insats.objects.all()}
        for index, year in enumerate(years):
            for member in members:
                if member.kind == MemberKind.KOMMUN:
                    MunicipalPopulation.objects.get_or_create(
                        forbund=forbund,
                        member=member,
                        year=year,
                        defaults={"population": POPULATIONS.get(member.name, 30_000)},
                    )
            calculation = calculate_contributions(forbund, year, CONTRIBUTION_TOTAL)
            save_calculation(forbund, calculation, "decided", user)
            member_specs = [
                MemberSpec(share.member.name, f"35{10 + position:02d}", share.amount)
                for position, share in enumerate(calculation.shares)
                if share.amount
            ]
            growth = 1 + 0.04 * index
            yearly = [
                InsatsSpec(
                    i.code,
                    i.name,
                    i.individual,
                    round(i.yearly_cost * growth),
                    i.yearly_participants,
                )
                for i in insatser
            ]
            spec = BooksSpec(
                company=forbund.name,
                org_number=forbund.org_number or "222000-9999",
                year=year,
                members=member_specs,
                insatser=yearly,
                admin_costs=round(ADMIN_COSTS * growth),
                esf_income=ESF_INCOME,
                other_income=OTHER_INCOME,
                opening=opening,
                seed=seed,
            )
            content, opening = sie_books(spec)
            sample.sie_files[year] = content
            sample.book_specs[year] = spec
            _budget(forbund, year, yearly, calculation, user, by_code)
    for year in years:
        import_sie(forbund, sample.sie_files[year], user, file_name=f"bokforing-{year}.se")
    return sample


def _budget(forbund, year: int, insatser, calculation, user, by_code) -> None:
    budget = create_budget(forbund, year, user, adopted_on=date(year - 1, 11, 20))
    position = 0

    def add(category: str, name: str, amount: int, insats=None, member=None) -> None:
        nonlocal position
        position += 10
        BudgetLine.objects.create(
            forbund=forbund,
            budget=budget,
            category=category,
            name=name,
            insats=insats,
            member=member,
            original_amount=amount,
            position=position,
        )

    add(
        BudgetCategory.ADMINISTRATION,
        "Kansli, styrelse och revision",
        int(round(ADMIN_COSTS * 1.02, -3)),
    )
    for spec in insatser:
        category = BudgetCategory.INDIVIDUAL if spec.individual else BudgetCategory.STRUCTURAL
        # Budgets are round figures a little above what is spent.
        add(category, spec.name, int(round(spec.yearly_cost * 1.05, -4)), insats=by_code[spec.code])
    for share in calculation.shares:
        if share.amount:
            add(
                BudgetCategory.MEMBER_CONTRIBUTION,
                share.member.name,
                share.amount,
                member=share.member,
            )
    add(BudgetCategory.ESF, "ESF-projekt", ESF_INCOME)
    add(BudgetCategory.OTHER_INCOME, "Utlånad personal", OTHER_INCOME)
