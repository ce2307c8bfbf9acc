"""The national export: what the office keys or uploads into Uppföljning Finsam.

Per insats, the participants of the year (active at some time in it, docs/format/statistik.md) by
juridiskt kön: the individinriktade insatser, and the strukturinriktade ones listed
separately. The file leaves the förbund, so each list is suppressed as one table
(core.suppression: 1–4 as "<5", complementary cells as ".."). Insatser that ran during the
year are listed even when nobody took part (0).

Budget lines (hook): once the economy exists, pass `budget_lines`, a function
(forbund, year) -> {insats code: {column title: amount in kronor}}, e.g. from the budget app's
budget per insats and year; each title becomes a column after the counts (amounts are not
personal data and are not suppressed). Without it the columns are left out.

    export = national_export(forbund, 2023)
    export_csv(export) -> bytes      # UTF-8 with BOM, ";" (Excel in Swedish)
    export_xlsx(export) -> bytes     # sheet "Deltagare", and a sheet explaining the signs

Both are NationalExporter(export), in the export registry (core.tabular.exporters).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope

from core.suppression import Display, Table, suppress
from core.tabular import Emphasised, Sheet
from core.tabular.exporters import Exporter, register
from participants.choices import GENDER_LABELS, InterventionKind
from participants.models import Insats, Participation
from participants.services.statistics import GENDERS, TOTAL, active_in_year

BudgetLines = Callable[[object, int], Mapping[str, Mapping[str, Decimal]]]
KINDS = (InterventionKind.INDIVIDUAL, InterventionKind.STRUCTURAL)
SUM_LABELS = {
    InterventionKind.INDIVIDUAL: gettext_lazy("Summa individinriktade insatser"),
    InterventionKind.STRUCTURAL: gettext_lazy("Summa strukturinriktade insatser"),
}


@dataclass(frozen=True)
class ExportRow:
    kind: str  # "individinriktad" | "strukturinriktad"
    code: str  # "" on a sum row
    name: str
    counts: dict[str, Display]  # kvinna, man, ej_angivet, totalt
    amounts: dict[str, Decimal | None]
    is_total: bool = False


@dataclass(frozen=True)
class NationalExport:
    forbund_name: str
    year: int
    rows: list[ExportRow]
    amount_columns: list[str]

    def header(self) -> list[str]:
        return [
            _("Typ"),
            _("Kod"),
            _("Insats"),
            *(str(GENDER_LABELS[gender]) for gender in GENDERS),
            _("Totalt"),
            *self.amount_columns,
        ]

    def table(self) -> list[list[object]]:
        return [
            [
                str(InterventionKind(row.kind).label),
                row.code,
                row.name,
                *(row.counts[key] for key in (*GENDERS, TOTAL)),
                *(row.amounts.get(column) for column in self.amount_columns),
            ]
            for row in self.rows
        ]


def national_export(forbund, year: int, budget_lines: BudgetLines | None = None) -> NationalExport:
    first, last = date(year, 1, 1), date(year, 12, 31)
    with scope(forbund=forbund):
        running = Insats.objects.filter(forbund=forbund).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=last),
            Q(end_date__isnull=True) | Q(end_date__gte=first),
        )
        counted = (
            Participation.objects.filter(active_in_year(year), forbund=forbund)
            .values("insats_id", "gender")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(GENDERS, 0))
        for row in counted:
            gender = row["gender"] if row["gender"] in GENDERS else "ej_angivet"
            counts[row["insats_id"]][gender] += row["n"]
        insatser = list(
            Insats.objects.filter(Q(pk__in=running) | Q(pk__in=list(counts))).order_by("code")
        )
    amounts = budget_lines(forbund, year) if budget_lines else {}
    amount_columns = list(dict.fromkeys(t for lines in amounts.values() for t in lines))

    rows: list[ExportRow] = []
    for kind in KINDS:
        of_kind = [i for i in insatser if i.kind == kind]
        if not of_kind:
            continue
        shown = suppress(Table.from_nested({i.code: counts[i.pk] for i in of_kind}, GENDERS))
        for insats in of_kind:
            cells = {g: shown.cell(insats.code, g) for g in GENDERS}
            rows.append(
                ExportRow(
                    kind,
                    insats.code,
                    insats.name,
                    cells | {TOTAL: shown.row_totals[insats.code]},
                    {c: amounts.get(insats.code, {}).get(c) for c in amount_columns},
                )
            )
        sums: dict[str, Decimal | None] = {
            c: sum((amounts.get(i.code, {}).get(c) or Decimal(0) for i in of_kind), Decimal(0))
            for c in amount_columns
        }
        rows.append(
            ExportRow(
                kind,
                "",
                str(SUM_LABELS[kind]),
                dict(shown.column_totals) | {TOTAL: shown.grand_total},
                sums,
                is_total=True,
            )
        )
    return NationalExport(forbund.name, year, rows, amount_columns)


def export_filename(forbund, year: int, extension: str) -> str:
    return f"uppfoljning-finsam-{forbund.slug}-{year}.{extension}"


@register
class NationalExporter(Exporter):
    """The national export: the counts per insats (sum rows in bold), then a sheet of notes."""

    name = "uppfoljning_finsam"
    title = gettext_lazy("Uppföljning Finsam: deltagare per insats")

    def __init__(self, export: NationalExport):
        self.export = export

    def sheets(self) -> Iterator[Sheet]:
        export = self.export
        rows = [
            Emphasised(row) if source.is_total else row
            for row, source in zip(export.table(), export.rows, strict=True)
        ]
        yield Sheet(
            _("Deltagare %(year)s") % {"year": export.year},
            export.header(),
            rows,
            widths=(18, 8, 40, 10, 10, 14, 10),
            freeze_header=True,
        )
        notes = [
            (_("Uppföljning Finsam: deltagare per insats"),),
            (_("Förbund"), export.forbund_name),
            (_("År"), export.year),
            (_("Deltagare"), _("personer som deltog i insatsen någon gång under året")),
            ("<5", _("1–4 deltagare (små antal visas inte)")),
            ("..", _("uppgiften döljs så att ett litet antal inte kan räknas fram")),
        ]
        yield Sheet(_("Förklaring"), (), notes, widths=(14, 60))


def export_csv(export: NationalExport) -> bytes:
    return NationalExporter(export).render("csv")


def export_xlsx(export: NationalExport) -> bytes:
    return NationalExporter(export).render("xlsx")
