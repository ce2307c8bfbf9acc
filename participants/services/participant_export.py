"""Export of participations as a participant file that imports again unchanged.

Columns exactly as docs/format/deltagarfil.md, in its order and canonical spelling.
CSV is UTF-8 with BOM and `;` (Swedish Excel); XLSX has date cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from django.db.models import Q
from django.utils.translation import gettext_lazy
from django_scopes import scope

from core.tabular import Sheet
from core.tabular.exporters import CONTENT_TYPES, Exporter, register
from organisations.models import Forbund
from participants.models import Participation
from participants.rules import COLUMN_OF_FIELD, FILE_SPELLING, PARTICIPANT_HEADERS
from participants.services.least_data import off_fields

FORMATS = ("xlsx", "csv")
__all__ = ["CONTENT_TYPES", "FORMATS", "ParticipantExporter", "write_participants"]


def active_in_year(year: int) -> Q:
    """Participations active at least one day in the year (docs/format/statistik.md: deltagare)."""
    return Q(start_date__lte=date(year, 12, 31)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1))
    )


def export_participants(
    forbund: Forbund, year: int | None = None, insats_ids: Iterable[int] | None = None
) -> Iterator[tuple[Any, ...]]:
    """Rows in the order of PARTICIPANT_HEADERS: all participations, or those active in
    `year`, optionally only of some insatser (an insatsansvarig's own)."""
    spell = FILE_SPELLING
    gender, education = spell["kon"], spell["utbildning"]
    referrer, reason, follow_up = (
        spell["inremitterande_part"],
        spell["avslutsorsak"],
        spell["egen_forsorjning_12_man"],
    )
    with scope(forbund=forbund):
        rows = Participation.objects.all()
        if year is not None:
            rows = rows.filter(active_in_year(year))
        if insats_ids is not None:
            rows = rows.filter(insats_id__in=list(insats_ids))
        values = rows.order_by("insats__code", "start_date", "participant__code").values_list(
            "participant__code",
            "insats__code",
            "gender",
            "birth_year",
            "education",
            "referrer",
            "municipality",
            "start_date",
            "end_date",
            "end_reason",
            "follow_up_12m",
        )
        for code, insats, g, born, edu, ref, kommun, start, end, why, follow in values.iterator(
            chunk_size=5000
        ):
            yield (
                code,
                insats,
                gender.get(g, g),
                born,
                education.get(edu, edu),
                referrer.get(ref, ref),
                kommun,
                start,
                end,
                reason.get(why, why),
                follow_up.get(follow, follow),
            )


@register
class ParticipantExporter(Exporter):
    """The participant file: one sheet `Deltagare` in the import's columns."""

    name = "deltagare"
    title = gettext_lazy("Deltagarfil")
    formats = FORMATS

    def __init__(
        self,
        forbund: Forbund,
        year: int | None = None,
        insats_ids: Iterable[int] | None = None,
    ):
        self.forbund, self.year, self.insats_ids = forbund, year, insats_ids
        self.rows_written = 0  # for the audit log

    def sheets(self) -> Iterator[Sheet]:
        rows = export_participants(self.forbund, self.year, self.insats_ids)
        # Fields the förbund does not collect are left out of the file (least data).
        with scope(forbund=self.forbund):
            off = {COLUMN_OF_FIELD[name] for name in off_fields(self.forbund)}
        if not off:
            yield Sheet("Deltagare", PARTICIPANT_HEADERS, self._counted(rows))
            return
        keep = [i for i, header in enumerate(PARTICIPANT_HEADERS) if header not in off]
        headers = tuple(PARTICIPANT_HEADERS[i] for i in keep)
        kept = (tuple(row[i] for i in keep) for row in rows)
        yield Sheet("Deltagare", headers, self._counted(kept))

    def _counted(self, rows: Iterable[Any]) -> Iterator[Any]:
        for row in rows:
            self.rows_written += 1
            yield row


def write_participants(
    forbund: Forbund,
    out: IO[bytes],
    file_format: str,
    year: int | None = None,
    insats_ids: Iterable[int] | None = None,
) -> int:
    """Write the participant file; returns the number of data rows written."""
    exporter = ParticipantExporter(forbund, year, insats_ids)
    exporter.write(out, file_format)
    return exporter.rows_written


def format_of(filename: str) -> str | None:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return suffix if suffix in FORMATS else None


def export_filename(forbund: Forbund, year: int | None, file_format: str) -> str:
    period = str(year) if year is not None else "alla"
    return f"deltagare-{forbund.slug}-{period}.{file_format}"
