"""Export for national comparison: counts per question and step, per insats, for one year,
in publication mode (docs/format/enkat.md). Free text is never exported."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from core.tabular import Sheet
from core.tabular.exporters import CONTENT_TYPES, Exporter, register
from organisations.models import Forbund

from ..models import Response
from .results import instrument_for_year, survey_results

HEADERS = ("ar", "enkat", "version", "insats", "fraga", "steg", "stegnummer", "antal")

__all__ = ["CONTENT_TYPES", "SurveyExporter", "export_filename", "write_export"]


@register
class SurveyExporter(Exporter):
    name = "enkatsvar"
    title = _("Enkätsvar för nationell jämförelse")

    def __init__(self, forbund: Forbund, year: int, code: str):
        self.forbund, self.year, self.code = forbund, year, code

    def rows(self) -> Iterable[tuple[Any, ...]]:
        instrument = instrument_for_year(self.forbund, self.code, self.year)
        with scope(forbund=self.forbund):
            codes = sorted(
                set(
                    Response.objects.filter(instrument=instrument, year=self.year).values_list(
                        "insats__code", flat=True
                    )
                )
            )
        for insats in codes:
            result = survey_results(
                self.forbund, self.year, self.code, insats=insats, publication=True,
                version=instrument.version,
            )  # fmt: skip
            for question in result["fragor"]:
                antal = question["antal"]
                for number, step in enumerate([*question["skala"], "ej_svar"], 1):
                    yield (
                        self.year,
                        instrument.code,
                        instrument.version,
                        insats,
                        question["kod"],
                        step,
                        number if step != "ej_svar" else None,
                        None if antal is None else antal[step],
                    )

    def sheets(self) -> Iterable[Sheet]:
        yield Sheet("Enkätsvar", HEADERS, self.rows(), freeze_header=True)


def write_export(forbund: Forbund, year: int, code: str, out: IO[bytes], file_format: str):
    SurveyExporter(forbund, year, code).write(out, file_format)


def export_filename(forbund: Forbund, code: str, year: int, file_format: str) -> str:
    return f"enkatsvar-{forbund.slug}-{slugify(code)}-{year}.{file_format}"
