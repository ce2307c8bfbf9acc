"""Members' contributions per year and the calculator for the allocation key.

The key (Södra Roslagen 2018 §3.1): staten 50 % (Försäkringskassan pays the state's share,
Arbetsförmedlingen's included), the region 25 %, the municipalities together 25 %, split
between them by population or by the förbund's own key (MunicipalKeyShare).

Members take part from their join date, by the förbund's decision for the year
(MidYearMembership, choices.MidYearRule), with either key:
- fast total (the default when nothing is decided): the total is fixed; a member that is one
  for part of the year weighs in with its weight (population, or its own-key weight) times
  the share of the year (joined 2 July 2024: 183/366), so the others pay more;
- andel av året: the total given is the full-year total; each member pays its full-year
  amount times its share of the year, so the total paid is lower.
Both round to whole kronor by largest remainder (core.apportion), keeping the totals.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit, figure_cache
from core.apportion import round_keeping_total
from core.formatting import format_number
from core.tabular import (
    CellError,
    Column,
    ImportFlow,
    ImportRefused,
    ImportResult,
    Row,
    ValueProblem,
    cell_text,
    fold,
    parse_int,
)
from core.years import parse_year
from organisations.choices import MemberKind
from organisations.models import Forbund, Member

from ..choices import ContributionField, MidYearRule
from ..models import Contribution, MidYearMembership, MunicipalKeyShare, MunicipalPopulation
from .keys import split_by_weights

STATE = "staten"
REGION = "region"
MUNICIPALITIES = "kommuner"
# The three parts of the total, in order, with their weights (50/25/25).
GROUPS: tuple[tuple[str, int], ...] = ((STATE, 2), (REGION, 1), (MUNICIPALITIES, 1))
GROUP_LABELS = {STATE: "Staten", REGION: "Regionen", MUNICIPALITIES: "Kommunerna"}

KEY_POPULATION = "befolkning"
KEY_OWN = "egen"


class CalculationError(Exception):
    """The key cannot be applied (missing population, no member in a group…)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


def year_fraction_as_member(member: Member, year: int) -> Fraction:
    """The share of `year`'s days on which `member` is a member (0 to 1)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start = max(first, member.joined_on) if member.joined_on else first
    end = min(last, member.left_on) if member.left_on else last
    if end < start:
        return Fraction(0)
    return Fraction((end - start).days + 1, (last - first).days + 1)


def members_in_year(forbund: Forbund, year: int) -> list[tuple[Member, Fraction]]:
    """Members on at least one day of `year`, with the share of the year they are members."""
    result = []
    for member in Member.objects.filter(forbund=forbund).order_by("kind", "name"):
        fraction = year_fraction_as_member(member, year)
        if fraction > 0:
            result.append((member, fraction))
    return result


def group_of(member: Member) -> str:
    if member.kind in (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN):
        return STATE
    if member.kind == MemberKind.REGION:
        return REGION
    return MUNICIPALITIES


@dataclass(frozen=True)
class MemberShare:
    member: Member
    group: str
    weight: Fraction  # within the group
    basis: str  # what the weight is, in Swedish
    amount: int

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]


@dataclass
class ContributionCalculation:
    """The calculator's answer for a total: what each member pays."""

    year: int
    total: int
    key: str  # KEY_POPULATION or KEY_OWN
    shares: list[MemberShare] = field(default_factory=list)
    mid_year_rule: str = MidYearRule.FIXED_TOTAL
    mid_year_decided: bool = False  # False: no decision stored, the default applies
    full_year_total: int | None = None  # PRO_RATA: the total asked for, before the shares

    @property
    def mid_year_label(self) -> str:
        return str(MidYearRule(self.mid_year_rule).label)

    def amount_for(self, member: Member) -> int:
        return next(share.amount for share in self.shares if share.member.pk == member.pk)

    def group_total(self, group: str) -> int:
        return sum(share.amount for share in self.shares if share.group == group)

    def share_of_total(self, share: MemberShare) -> Fraction:
        return Fraction(share.amount, self.total) if self.total else Fraction(0)

    @property
    def key_label(self) -> str:
        return _("förbundets egen nyckel") if self.key == KEY_OWN else _("befolkning")


def mid_year_rule(forbund: Forbund, year: int) -> tuple[str, bool]:
    """The förbund's rule for members of part of `year`, and whether it is decided (stored)."""
    row = MidYearMembership.objects.filter(forbund=forbund, year=year).first()
    return (row.rule, True) if row is not None else (MidYearRule.FIXED_TOTAL, False)


def save_mid_year_rule(forbund: Forbund, year: int, rule: str, user) -> None:
    """Store the förbund's decision for `year` (logged when it changes)."""
    row = MidYearMembership.objects.filter(forbund=forbund, year=year).first()
    before = audit.snapshot(row) if row is not None else None
    row = row or MidYearMembership(forbund=forbund, year=year)
    row.rule = rule
    changes = audit.diff(before, row)
    if before is None or changes:
        row.full_clean()
        row.save()
        audit.log(user, "mid_year_rule.saved", row, changes=changes)


def calculate_contributions(
    forbund: Forbund, year: int, total: int, rule: str | None = None
) -> ContributionCalculation:
    """Split `total` kronor between the members of `year` by the key. Raises CalculationError.

    The total is first split 2:1:1 between staten, the region and the municipalities, then
    within each group; both steps round to whole kronor by largest remainder, so every group
    and the whole add up exactly. Members of part of the year follow `rule` (MidYearRule;
    None: the förbund's stored decision for the year, else FIXED_TOTAL).
    """
    if total < 0:
        raise CalculationError([_("Totalbeloppet kan inte vara negativt.")])
    members = members_in_year(forbund, year)
    by_group: dict[str, list[tuple[Member, Fraction]]] = {name: [] for name, _w in GROUPS}
    for member, fraction in members:
        by_group[group_of(member)].append((member, fraction))
    problems = [
        _("Förbundet har ingen medlem i gruppen %(group)s år %(year)s.")
        % {"group": GROUP_LABELS[name].lower(), "year": year}
        for name, _w in GROUPS
        if not by_group[name]
    ]
    if problems:
        raise CalculationError(problems)

    decided = rule is not None
    if rule is None:
        rule, decided = mid_year_rule(forbund, year)
    if rule not in MidYearRule.values:
        raise ValueError(f"Unknown mid-year rule {rule!r}")
    fractions = {member.pk: fraction for member, fraction in members}
    # Full-year weights; the share of the year is applied below, by the rule.
    weighted: dict[str, list[tuple[Member, Fraction, str]]] = {
        STATE: _state_weights([(m, Fraction(1)) for m, f in by_group[STATE]]),
        REGION: [(member, Fraction(1), _("regionens andel")) for member, _f in by_group[REGION]],
    }
    key, weighted[MUNICIPALITIES] = _municipal_weights(forbund, year, by_group[MUNICIPALITIES])
    weighted = {
        name: [
            (member, weight, basis + _part_of_year(fractions[member.pk]))
            for member, weight, basis in rows
        ]
        for name, rows in weighted.items()
    }

    calculation = ContributionCalculation(
        year=year, total=total, key=key, mid_year_rule=rule, mid_year_decided=decided
    )
    if rule == MidYearRule.PRO_RATA:
        return _pro_rata(calculation, weighted, fractions)
    group_totals = split_by_weights(total, [weight for _name, weight in GROUPS])
    for (name, _w), group_total in zip(GROUPS, group_totals, strict=True):
        rows = [(m, w * fractions[m.pk], b) for m, w, b in weighted[name]]
        amounts = split_by_weights(group_total, [weight for _m, weight, _b in rows])
        for (member, weight, basis), amount in zip(rows, amounts, strict=True):
            calculation.shares.append(MemberShare(member, name, weight, basis, amount))
    return calculation


def _part_of_year(fraction: Fraction) -> str:
    if fraction >= 1:
        return ""
    return _(" × %(percent)s %% av året") % {"percent": round(float(fraction) * 100)}


def _pro_rata(
    calculation: ContributionCalculation,
    weighted: dict[str, list[tuple[Member, Fraction, str]]],
    fractions: dict[int, Fraction],
) -> ContributionCalculation:
    """Each member's exact full-year amount times its share of the year, rounded together."""
    weight_sum = sum(weight for _name, weight in GROUPS)
    exact: list[tuple[str, Member, Fraction, str, Fraction]] = []
    for name, group_weight in GROUPS:
        group_total = Fraction(calculation.total * group_weight, weight_sum)
        rows = weighted[name]
        member_sum = sum(weight for _m, weight, _b in rows)
        for member, weight, basis in rows:
            full = group_total * weight / member_sum if member_sum else Fraction(0)
            exact.append((name, member, weight, basis, full * fractions[member.pk]))
    amounts = round_keeping_total([row[4] for row in exact])
    for (name, member, weight, basis, _exact), amount in zip(exact, amounts, strict=True):
        calculation.shares.append(MemberShare(member, name, weight, basis, amount))
    calculation.full_year_total = calculation.total
    calculation.total = sum(amounts)
    return calculation


def _state_weights(members: list[tuple[Member, Fraction]]) -> list[tuple[Member, Fraction, str]]:
    """Försäkringskassan pays the whole state share; Arbetsförmedlingen only when FK is absent."""
    has_fk = any(member.kind == MemberKind.FORSAKRINGSKASSAN for member, _f in members)
    rows = []
    for member, fraction in members:
        if has_fk and member.kind == MemberKind.ARBETSFORMEDLINGEN:
            rows.append((member, Fraction(0), _("betalas av Försäkringskassan")))
        else:
            rows.append((member, fraction, _("statens andel")))
    return rows


def _municipal_weights(
    forbund: Forbund, year: int, members: list[tuple[Member, Fraction]]
) -> tuple[str, list[tuple[Member, Fraction, str]]]:
    own = {
        share.member_id: share.weight
        for share in MunicipalKeyShare.objects.filter(forbund=forbund, year=year)
    }
    if own:
        missing = [member.name for member, _f in members if member.pk not in own]
        if missing:
            raise CalculationError(
                [
                    _("Förbundets egen nyckel för %(year)s saknar andel för: %(names)s.")
                    % {"year": year, "names": ", ".join(missing)}
                ]
            )
        return KEY_OWN, [
            (
                member,
                Fraction(own[member.pk]),
                _("egen nyckel %(weight)s") % {"weight": _plain_decimal(own[member.pk])},
            )
            for member, _f in members
        ]
    populations = {
        row.member_id: row.population
        for row in MunicipalPopulation.objects.filter(forbund=forbund, year=year)
    }
    missing = [member.name for member, _f in members if member.pk not in populations]
    if missing:
        raise CalculationError(
            [
                _("Befolkning för %(year)s saknas för: %(names)s.")
                % {"year": year, "names": ", ".join(missing)}
            ]
        )
    rows = []
    for member, _fraction in members:
        basis = _("befolkning %(population)s") % {
            "population": format_number(populations[member.pk])
        }
        rows.append((member, Fraction(populations[member.pk]), basis))
    return KEY_POPULATION, rows


def _plain_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


@transaction.atomic
def save_calculation(
    forbund: Forbund, calculation: ContributionCalculation, target: str, user
) -> list[Contribution]:
    """Write the calculated amounts into `target` (äskning or tilldelning) of each member."""
    if target not in ContributionField.values:
        raise ValueError(f"Unknown contribution field {target!r}")
    saved = []
    for share in calculation.shares:
        saved.append(
            _set_amounts(forbund, share.member, calculation.year, {target: share.amount}, user)
        )
    audit.log(
        user,
        "contribution.calculated",
        forbund=forbund,
        changes={
            "år": calculation.year,
            "fält": target,
            "totalt": calculation.total,
            "nyckel": calculation.key,
        },
    )
    return saved


def _set_amounts(
    forbund: Forbund, member: Member, year: int, amounts: dict[str, int | None], user
) -> Contribution:
    contribution = Contribution.objects.filter(forbund=forbund, member=member, year=year).first()
    created = contribution is None
    if contribution is None:
        contribution = Contribution(forbund=forbund, member=member, year=year)
    before = None if created else audit.snapshot(contribution)
    for name, value in amounts.items():
        setattr(contribution, name, value)
    changes = audit.diff(before, contribution)
    if created or changes:
        contribution.full_clean()
        contribution.save()
        action = "contribution.created" if created else "contribution.updated"
        audit.log(user, action, contribution, changes=changes)
    return contribution


@transaction.atomic
def save_contribution_amounts(
    forbund: Forbund, year: int, amounts: dict[Member, dict[str, int | None]], user
) -> None:
    """Save äskning/tilldelning/inbetalt typed on the page; empty rows are not created."""
    for member, values in amounts.items():
        exists = Contribution.objects.filter(forbund=forbund, member=member, year=year).exists()
        if not exists and all(value is None for value in values.values()):
            continue
        _set_amounts(forbund, member, year, values, user)


@transaction.atomic
def save_key_inputs(
    forbund: Forbund,
    year: int,
    populations: dict[Member, int | None],
    weights: dict[Member, Decimal | None],
    user,
) -> None:
    """Save each municipality's population and the förbund's own key for `year`.

    An empty value removes the stored one; leaving every own-key weight empty means the
    population key applies.
    """
    for member, population in populations.items():
        _save_optional(
            MunicipalPopulation,
            forbund,
            member,
            year,
            "population",
            population,
            user,
            "population",
        )
    for member, weight in weights.items():
        _save_optional(
            MunicipalKeyShare, forbund, member, year, "weight", weight, user, "key_share"
        )


def _save_optional(model, forbund, member, year, field_name, value, user, action) -> None:
    existing = model.objects.filter(forbund=forbund, member=member, year=year).first()
    if value is None:
        if existing is not None:
            audit.log(user, f"{action}.deleted", existing)
            existing.delete()
        return
    if existing is None:
        obj = model(forbund=forbund, member=member, year=year, **{field_name: value})
        obj.full_clean()
        obj.save()
        audit.log(user, f"{action}.created", obj, changes=audit.diff(None, obj))
        return
    before = audit.snapshot(existing)
    setattr(existing, field_name, value)
    changes = audit.diff(before, existing)
    if changes:
        existing.full_clean()
        existing.save()
        audit.log(user, f"{action}.updated", existing, changes=changes)


@dataclass(frozen=True)
class ContributionRow:
    member: Member
    requested: int | None
    decided: int | None
    paid: int | None
    note: str = ""

    @property
    def unpaid(self) -> int | None:
        """Decided but not (yet) paid; None when nothing is decided."""
        if self.decided is None:
            return None
        return self.decided - (self.paid or 0)


@dataclass
class ContributionYear:
    """Every member's contribution in a year (members of the year, and any with a row)."""

    year: int
    rows: list[ContributionRow]

    def _total(self, name: str) -> int | None:
        values = [getattr(row, name) for row in self.rows if getattr(row, name) is not None]
        return sum(values) if values else None

    @property
    def total_requested(self) -> int | None:
        return self._total("requested")

    @property
    def total_decided(self) -> int | None:
        return self._total("decided")

    @property
    def total_paid(self) -> int | None:
        return self._total("paid")

    @property
    def total_unpaid(self) -> int | None:
        """Decided but not yet paid, all members together (the column's sum)."""
        return self._total("unpaid")

    def decided_by_group(self) -> dict[str, int]:
        """Decided amounts summed to staten / region / kommuner (Roslagen 2023, Not 1 style)."""
        totals = {name: 0 for name, _w in GROUPS}
        for row in self.rows:
            totals[group_of(row.member)] += row.decided or 0
        return totals


@figure_cache.kept
def contributions_for_year(forbund: Forbund, year: int) -> ContributionYear:
    """Requested, decided and paid per member for `year` (kronor; None = not entered).

    Rows: every member during the year plus any other member with a stored contribution,
    in member order (staten, region, municipalities by name). Call inside scope(forbund=...).
    """
    stored = {
        row.member_id: row
        for row in Contribution.objects.filter(forbund=forbund, year=year).select_related("member")
    }
    members = [member for member, _f in members_in_year(forbund, year)]
    seen = {member.pk for member in members}
    members += [row.member for member_id, row in stored.items() if member_id not in seen]
    rows = []
    for member in _sorted_members(members):
        row = stored.get(member.pk)
        rows.append(
            ContributionRow(
                member=member,
                requested=row.requested if row else None,
                decided=row.decided if row else None,
                paid=row.paid if row else None,
                note=row.note if row else "",
            )
        )
    return ContributionYear(year=year, rows=rows)


_KIND_ORDER: dict[str, int] = {
    MemberKind.FORSAKRINGSKASSAN: 0,
    MemberKind.ARBETSFORMEDLINGEN: 1,
    MemberKind.REGION: 2,
    MemberKind.KOMMUN: 3,
}


def _sorted_members(members: Iterable[Member]) -> list[Member]:
    return sorted(members, key=lambda m: (_KIND_ORDER.get(m.kind, 9), m.name))


def decided_total(forbund: Forbund, year: int) -> int | None:
    """The förbund's total decided contributions for `year` (None when none is entered)."""
    return contributions_for_year(forbund, year).total_decided


POPULATION_HEADERS = ["Kommun", "År", "Befolkning"]


def import_populations(forbund: Forbund, file, filename: str, user) -> dict[int, int]:
    """Read population per municipality and year (Kommun | År | Befolkning), all or nothing.

    "Kommun" matches a municipality member by its name, with or without " kommun". Returns
    the number of municipalities read per year. Raises PopulationImportError.
    """
    result = PopulationImport(forbund, user).run(file, filename)
    result.raise_errors(PopulationImportError)
    return result.by_year


class PopulationImportError(ImportRefused):
    pass


@dataclass
class PopulationImportResult(ImportResult):
    by_year: dict[int, int] = field(default_factory=dict)  # municipalities read per year


def _name_key(text: str) -> str:
    return fold(text).removesuffix(" kommun").strip()


class PopulationImport(ImportFlow[PopulationImportResult]):
    result_class = PopulationImportResult
    empty_file_reason = gettext_lazy("Filen har inga rader.")

    def __init__(self, forbund: Forbund, user):
        super().__init__()
        self.forbund, self.user = forbund, user
        self.first_row_of: dict[tuple[int, int], int] = {}

    def columns(self) -> list[Column]:
        municipalities = {
            _name_key(member.name): member
            for member in Member.objects.filter(forbund=self.forbund, kind=MemberKind.KOMMUN)
        }

        def parse_member(value) -> Member:
            key = _name_key(cell_text(value))
            if key not in municipalities:
                raise ValueProblem(_("Förbundet har ingen kommun med det namnet som medlem."))
            return municipalities[key]

        return [
            Column("Kommun", required=True, parse=parse_member, aliases=("Medlem",)),
            Column("År", required=True, parse=parse_year, aliases=("Ar",)),
            Column("Befolkning", required=True, parse=parse_int(minimum=0), aliases=("Folkmängd",)),
        ]

    def check_row(self, row: Row, values: dict, errors: list[CellError]):
        if errors and errors[-1].row == row.number:
            return None
        member, year = values["Kommun"], values["År"]
        earlier = self.first_row_of.setdefault((member.pk, year), row.number)
        if earlier != row.number:
            errors.append(
                CellError(
                    row.number,
                    "Kommun",
                    cell_text(row.get(self.sources["Kommun"])),
                    _("Kommunen finns redan för samma år på rad %(row)s.") % {"row": earlier},
                )
            )
            return None
        return member, year, values["Befolkning"]

    def write(self, rows: list[tuple[Member, int, int]], result: PopulationImportResult) -> None:
        counts: dict[int, int] = {}
        for member, year, population in rows:
            _save_optional(
                MunicipalPopulation,
                self.forbund,
                member,
                year,
                "population",
                population,
                self.user,
                "population",
            )
            counts[year] = counts.get(year, 0) + 1
        result.by_year = dict(sorted(counts.items()))
