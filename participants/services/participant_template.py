"""The participant file's template (deltagarmall.xlsx): the columns of the import with the
allowed values, so a filled-in template imports without a question.

- Sheet "Deltaganden" (the first, the one the import reads): the header row of
  docs/format/deltagarfil.md; below it drop-down lists (Excel data validation) on every code
  column, the förbund's insats codes on `insats`, the member municipalities on `kommun` (only a
  suggestion: another municipality can be typed), a whole number 1900–this year on
  `fodelsear` and a date on `startdatum` and `slutdatum`, formatted ÅÅÅÅ-MM-DD.
- Sheet "Kodlistor": every list, one column each, as the import spells the codes.
- Sheet "Instruktioner": what each column holds, in Swedish.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import BinaryIO

from django.utils import timezone
from django.utils.translation import gettext as _

from core.years import EARLIEST_BIRTH_YEAR
from organisations.choices import MemberKind
from organisations.models import Forbund, Member

from ..models import Insats
from ..rules import FILE_SPELLING, PARTICIPANT_CODE_MAX, PARTICIPANT_HEADERS

TEMPLATE_ROWS = 2000  # rows below the header that carry the drop-down lists
CODE_SHEET = "Kodlistor"
DATA_SHEET = "Deltaganden"
INSTRUCTION_SHEET = "Instruktioner"
DATE_FORMAT = "yyyy-mm-dd"


def template_filename(forbund: Forbund) -> str:
    return f"deltagarmall-{forbund.slug}.xlsx"


def _instructions() -> dict[str, str]:
    return {
        "deltagar_id": _(
            "Förbundets egen pseudonyma kod för personen, högst %(max)s tecken. Aldrig ett "
            "personnummer. Obligatorisk."
        )
        % {"max": PARTICIPANT_CODE_MAX},
        "insats": _("Insatsens kod (listan). Obligatorisk."),
        "kon": _("kvinna, man eller ej angivet (listan). Tomt betyder ej angivet."),
        "fodelsear": _("Fyra siffror, till exempel 1985."),
        "utbildning": _("Högsta avslutade utbildning (listan)."),
        "inremitterande_part": _("Vem som anvisade personen (listan)."),
        "kommun": _(
            "Kommunen där personen bor. Listan har medlemskommunerna; en annan kommun kan "
            "skrivas in."
        ),
        "startdatum": _("ÅÅÅÅ-MM-DD. Obligatorisk."),
        "slutdatum": _("ÅÅÅÅ-MM-DD, när deltagandet har avslutats."),
        "avslutsorsak": _("Bara tillsammans med slutdatum (listan)."),
        "egen_forsorjning_12_man": _(
            "Egen försörjning 12 månader efter avslut: ja, nej eller ej nådd (listan)."
        ),
    }


def member_municipality_names() -> list[str]:
    """The member municipalities as a participation names them ("Norrby" for "Norrby kommun").
    Call within the förbund's scope."""
    names = Member.objects.filter(kind=MemberKind.KOMMUN).values_list("name", flat=True)
    return sorted({name.removesuffix(" kommun").strip() for name in names}, key=str.casefold)


def write_import_template(
    forbund: Forbund, out: BinaryIO, insats_ids: Iterable[int] | None = None
) -> None:
    """Write the template; `insats_ids` limits the insats list (an insatsansvarig's own).
    Call within the förbund's scope."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    insatser = Insats.objects.order_by("code")
    if insats_ids is not None:
        insatser = insatser.filter(pk__in=list(insats_ids))
    lists: dict[str, list[str]] = {
        "insats": list(insatser.values_list("code", flat=True)),
        **{column: list(spelling.values()) for column, spelling in FILE_SPELLING.items()},
        "kommun": member_municipality_names(),
    }

    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    codes = workbook.create_sheet(CODE_SHEET)
    guide = workbook.create_sheet(INSTRUCTION_SHEET)
    bold = Font(bold=True)

    list_ranges: dict[str, str] = {}
    for index, (column, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        codes.cell(row=1, column=index, value=column).font = bold
        for row, value in enumerate(values, start=2):
            codes.cell(row=row, column=index, value=value)
        codes.column_dimensions[letter].width = max(16, len(column) + 2)
        if values:
            last = len(values) + 1
            list_ranges[column] = f"{quote_sheetname(CODE_SHEET)}!${letter}$2:${letter}${last}"

    last_row = TEMPLATE_ROWS + 1
    for index, column in enumerate(PARTICIPANT_HEADERS, start=1):
        letter = get_column_letter(index)
        data.cell(row=1, column=index, value=column).font = bold
        data.column_dimensions[letter].width = max(14, len(column) + 4)
        cells = f"{letter}2:{letter}{last_row}"
        validation = None
        if column in list_ranges:
            free = column == "kommun"  # another municipality can be typed
            validation = DataValidation(
                type="list",
                formula1=list_ranges[column],
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="information" if free else "stop",
                errorTitle=_("Värdet finns inte i listan"),
                error=(
                    _("Kommunen är inte medlem i förbundet. Stämmer det, välj OK.")
                    if free
                    else _("Välj ett värde i listan (bladet Kodlistor).")
                ),
            )
        elif column == "fodelsear":
            validation = DataValidation(
                type="whole",
                operator="between",
                formula1=str(EARLIEST_BIRTH_YEAR),
                formula2=str(timezone.localdate().year),
                allow_blank=True,
                showErrorMessage=True,
                error=_("Födelseåret skrivs med fyra siffror, till exempel 1985."),
            )
        elif column in ("startdatum", "slutdatum"):
            validation = DataValidation(
                type="date",
                operator="greaterThan",
                formula1="DATE(1990,1,1)",
                allow_blank=True,
                showErrorMessage=True,
                error=_("Skriv ett datum, ÅÅÅÅ-MM-DD."),
            )
            # The column's style: Excel shows a date typed into any of its cells this way.
            data.column_dimensions[letter].number_format = DATE_FORMAT
        elif column == "deltagar_id":
            validation = DataValidation(
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(PARTICIPANT_CODE_MAX),
                allow_blank=True,
                showErrorMessage=True,
                error=_("Högst %(max)s tecken.") % {"max": PARTICIPANT_CODE_MAX},
            )
        if validation is not None:
            validation.add(cells)
            data.add_data_validation(validation)
    data.freeze_panes = "A2"

    guide.cell(row=1, column=1, value=_("Kolumn")).font = bold
    guide.cell(row=1, column=2, value=_("Innehåll")).font = bold
    for row, (column, text) in enumerate(_instructions().items(), start=2):
        guide.cell(row=row, column=1, value=column)
        guide.cell(row=row, column=2, value=text)
    footer = len(PARTICIPANT_HEADERS) + 3
    guide.cell(
        row=footer,
        column=1,
        value=_(
            "En rad per deltagande: en person i en insats från ett startdatum. Bara bladet "
            "Deltaganden läses in. Mallen skapades %(date)s för %(name)s."
        )
        % {"date": datetime.date.today().isoformat(), "name": forbund.name},
    )
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 90
    workbook.save(out)


SUGGESTED_DIGITS = 3


def suggest_participant_code(insats: Insats) -> str:
    """A pseudonymous code for a new person in `insats`: the insats code and the next free
    running number ("A1-007"), as docs/format/deltagarfil.md recommends. It always starts with
    a letter, so it can never be read as a personnummer. Call within the förbund's scope."""
    from ..models import Participant
    from ..validators import validate_not_personnummer

    letters = re.sub(r"[^0-9A-Za-zÅÄÖåäö]", "", insats.code).upper()
    if not letters or not letters[0].isalpha():
        letters = f"D{letters}"
    prefix = f"{letters}-"
    taken = Participant.objects.filter(code__istartswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
    code = f"{prefix}{max(numbers, default=0) + 1:0{SUGGESTED_DIGITS}d}"
    validate_not_personnummer(code)
    return code
