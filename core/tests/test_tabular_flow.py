"""The import flow, the export registry and the XLSX reader's handling of workbook parts."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.tabular import (
    CellError,
    Column,
    Emphasised,
    ImportFlow,
    ImportRefused,
    Row,
    Sheet,
    ValueProblem,
    parse_int,
    read_table,
)
from core.tabular.exporters import Exporter

# --- The import flow ---------------------------------------------------------------------


def positive(value) -> int | None:
    number = parse_int()(value)
    if number is not None and number <= 0:
        raise ValueProblem("Talet ska vara större än noll.")
    return number


class NumbersImport(ImportFlow):
    """Adds up a column; refuses a repeated name. Remembers what it wrote."""

    empty_file_reason = "Filen har inga rader."

    def __init__(self, progress=None) -> None:
        super().__init__(progress)
        self.written = None
        self.seen: set[str] = set()

    def columns(self):
        return [Column("namn", required=True), Column("antal", required=True, parse=positive)]

    def check_row(self, row: Row, values, errors: list[CellError]):
        if values["namn"] in self.seen:
            errors.append(CellError(row.number, "namn", values["namn"], "Namnet finns redan."))
        self.seen.add(values["namn"])
        return values

    def plan(self, items, result):
        result.created = len(items)
        return sum(item["antal"] for item in items)

    def write(self, plan, result):
        self.written = plan


def csv(text: str) -> bytes:
    return text.encode("utf-8")


@pytest.mark.django_db
def test_an_import_writes_its_plan_and_counts_the_rows():
    flow = NumbersImport()
    result = flow.run(csv("namn;antal\na;2\n\nb;3\n"), "x.csv")
    assert result.ok and result.written
    assert (result.rows, result.created, flow.written) == (2, 2, 5)


@pytest.mark.django_db
def test_an_import_rejects_the_whole_file_when_one_row_is_invalid_and_lists_every_problem():
    flow = NumbersImport()
    result = flow.run(csv("namn;antal\na;2\na;x\nc;-1\n"), "x.csv")
    assert flow.written is None and not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "antal"), (3, "namn"), (4, "antal")]
    with pytest.raises(ImportRefused) as refused:
        result.raise_errors()
    assert refused.value.errors == result.errors


@pytest.mark.django_db
def test_header_problems_stop_an_import_before_its_rows_and_unknown_columns_warn():
    result = NumbersImport().run(csv("namn;extra\na;1\n"), "x.csv")
    assert [e.reason for e in result.errors] == ["Obligatorisk kolumn saknas."]
    assert [e.column for e in result.warnings] == ["extra"]


def test_an_unreadable_file_is_an_error_of_the_result():
    result = NumbersImport().run(b"", "x.xls")
    assert result.errors[0].reason.startswith("Filformatet stöds inte")


@pytest.mark.django_db
def test_an_import_without_rows_says_so_and_a_dry_run_writes_nothing():
    assert NumbersImport().run(csv("namn;antal\n"), "x.csv").errors[0].reason == (
        "Filen har inga rader."
    )
    flow = NumbersImport()
    result = flow.run(csv("namn;antal\na;1\n"), "x.csv", dry_run=True)
    assert result.ok and not result.written and flow.written is None and result.created == 1


@pytest.mark.django_db
def test_an_import_reports_its_progress():
    calls = []
    flow = NumbersImport(progress=lambda done, total: calls.append((done, total)))
    flow.progress_step = 2
    flow.run(csv("namn;antal\na;1\nb;1\nc;1\n"), "x.csv")
    assert calls == [(2, 3), (3, 3)]


# --- The export registry -------------------------------------------------------------------


class TwoTables(Exporter):
    name = "test_two_tables"
    title = "Två tabeller"

    def sheets(self):
        yield Sheet(
            "Första",
            ["Datum", "Belopp", "Text"],
            [(date(2024, 3, 1), Decimal("12.5"), "a"), Emphasised((None, 1200, "Summa"))],
            widths=(12, 10),
            integer_format="#,##0",
            freeze_header=True,
        )
        yield Sheet("Andra", (), [("Förklaring", "text")])


def test_an_exporter_gives_every_table_to_xlsx_and_the_first_to_csv():
    book = load_workbook(io.BytesIO(TwoTables().render("xlsx")))
    assert book.sheetnames == ["Första", "Andra"]
    first = book["Första"]
    assert [c.value for c in first[1]] == ["Datum", "Belopp", "Text"]
    assert first["A2"].number_format == "yyyy-mm-dd" and first["A2"].value.date() == date(
        2024, 3, 1
    )
    assert first["B3"].number_format == "#,##0" and first["C3"].font.b
    assert not first["C2"].font.b and first[1][0].font.b
    assert first.freeze_panes == "A2" and first.column_dimensions["A"].width == 12
    assert [c.value for c in book["Andra"][1]] == ["Förklaring", "text"]
    text = TwoTables().render("csv").decode("utf-8")
    assert text == "\ufeffDatum;Belopp;Text\r\n2024-03-01;12,5;a\r\n;1200;Summa\r\n"
    with pytest.raises(ValueError):
        TwoTables().render("pdf")


# --- The XLSX reader reads the workbook parts itself ---------------------------------------


def rewritten(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, replace.get(item.filename, source.read(item.filename)))
    return out.getvalue()


def test_the_reader_does_not_expand_entities_in_shared_strings():
    book = Workbook()
    book.active.append(["namn"])
    book.active.append(["x"])
    out = io.BytesIO()
    book.save(out)
    strings = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY big "EXPANDED">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>namn</t></si><si><t>&big;</t></si></sst>"
    )
    table = read_table(rewritten(out.getvalue(), {"xl/sharedStrings.xml": strings}), "x.xlsx")
    assert table.keys == ["namn"]
    assert "EXPANDED" not in str(table.rows[0].cells["namn"] if table.rows else "")


def test_the_reader_takes_the_first_sheet_in_workbook_order():
    book = Workbook()
    book.active.title = "Först"
    book.active.append(["a"])
    book.active.append([1])
    book.create_sheet("Sedan").append(["b"])
    book.move_sheet("Sedan", offset=-1)
    out = io.BytesIO()
    book.save(out)
    assert read_table(out.getvalue(), "x.xlsx").headers == ["b"]
