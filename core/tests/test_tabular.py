"""The shared reader of CSV and XLSX files (core.tabular), independent of any import."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from core.tabular import (
    CellError,
    Column,
    RowParser,
    TabularError,
    ValueProblem,
    check_headers,
    normalise_code,
    normalise_header,
    parse_code,
    parse_date,
    parse_decimal,
    parse_int,
    read_table,
    write_csv,
    write_xlsx,
)
from core.tabular.xlsx import first_sheet


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Födelseår", "fodelsear"),
        ("  KÖN ", "kon"),
        ("Inremitterande part", "inremitterande_part"),
        ("egen-försörjning 12 mån", "egen_forsorjning_12_man"),
        ("Deltagar_ID", "deltagar_id"),
    ],
)
def test_headers_are_matched_ignoring_case_accents_and_separators(text, key):
    assert normalise_header(text) == key


@pytest.mark.parametrize(
    "text",
    [
        "fortsatt rehabilitering",
        "Fortsatt_Rehabilitering",
        "fortsatt-rehabilitering",
        " FORTSATT  rehabilitering ",
    ],
)
def test_code_values_are_matched_with_space_dash_or_underscore(text):
    assert normalise_code(text) == "fortsatt_rehabilitering"


def test_csv_with_semicolons_in_utf8_with_bom():
    table = read_table("\ufeffa;b\r\n1;Åsa\r\n".encode(), "x.csv")
    assert (table.headers, table.delimiter, table.encoding) == (["a", "b"], ";", "utf-8")
    assert [(r.number, r.cells) for r in table.rows] == [(2, {"a": "1", "b": "Åsa"})]


def test_csv_with_commas_in_windows_1252():
    table = read_table("a,b\n1,Örjan\n".encode("cp1252"), "x.csv")
    assert (table.delimiter, table.encoding) == (",", "cp1252")
    assert table.rows[0].cells == {"a": "1", "b": "Örjan"}


def test_csv_short_rows_are_padded_and_blank_rows_skipped_but_counted():
    table = read_table(b"a;b;c\n1\n\n;;\n2;3;4\n", "x.csv")
    assert [(r.number, r.cells["c"]) for r in table.rows] == [(2, ""), (5, "4")]


def test_xlsx_reads_the_first_sheet_with_date_cells_and_excel_row_numbers():
    data = xlsx([["Namn", "Datum"], ["a", datetime(2024, 3, 1)], [], ["b", None]])
    table = read_table(data, "x.xlsx")
    assert table.format == "xlsx"
    assert [(r.number, r.cells) for r in table.rows] == [
        (2, {"namn": "a", "datum": datetime(2024, 3, 1)}),
        (4, {"namn": "b", "datum": None}),
    ]


def test_an_xlsx_is_recognised_by_its_content_without_a_known_extension():
    assert read_table(xlsx([["a"], [1]]), "upload").format == "xlsx"


def test_trailing_empty_header_cells_are_not_columns():
    table = read_table(xlsx([["a", "b", None, None], [1, 2]]), "x.xlsx")
    assert table.headers == ["a", "b"]


def test_a_file_without_a_header_row_is_refused():
    with pytest.raises(TabularError) as raised:
        read_table(b"\n\n", "x.csv")
    assert raised.value.errors[0].row == 1


def test_check_headers_reports_missing_duplicate_and_unknown_columns():
    table = read_table(b"kod;Kod;extra\n1;2;3\n", "x.csv")
    check = check_headers(table, [Column("kod", required=True), Column("namn", required=True)])
    assert [(e.column, e.reason) for e in check.errors] == [
        ("Kod", "Kolumnen finns mer än en gång."),
        ("namn", "Obligatorisk kolumn saknas."),
    ]
    assert [w.column for w in check.warnings] == ["extra"]


def test_row_parser_collects_every_problem_of_a_row() -> None:
    table = read_table(b"datum;antal\n2024-02-30;tio\n", "x.csv")
    columns = [Column("datum", required=True, parse=parse_date), Column("antal", parse=parse_int())]
    check = check_headers(table, columns)
    errors: list[CellError] = []
    values = RowParser(columns, check.sources)(table.rows[0], errors)
    assert values == {"datum": None, "antal": None}
    assert [(e.row, e.column, e.value) for e in errors] == [
        (2, "datum", "2024-02-30"),
        (2, "antal", "tio"),
    ]


def test_parsers():
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date(datetime(2024, 2, 29, 0, 0)) == date(2024, 2, 29)
    assert parse_date("") is None
    assert parse_decimal("1 234,50") == Decimal("1234.50")
    assert parse_int(minimum=1)("7") == 7
    kind = parse_code([("a_b", "A B")], {"x": "a_b"})
    assert kind("A-b") == kind("x") == "a_b"
    with pytest.raises(ValueProblem, match="Tillåtna värden: a b"):
        kind("c")


def test_cell_error_reads_as_a_swedish_sentence():
    error = CellError(7, "startdatum", "2024-13-01", "Inte ett datum.")
    assert str(error) == "Rad 7, kolumn startdatum, värde ”2024-13-01”: Inte ett datum."


def test_written_csv_and_xlsx_read_back_the_same():
    rows = [("Åsa", date(2024, 1, 2), 3), ("Örjan", None, None)]
    csv_out, xlsx_out = io.BytesIO(), io.BytesIO()
    write_csv(["namn", "datum", "antal"], rows, csv_out)
    write_xlsx(["namn", "datum", "antal"], rows, xlsx_out)
    assert csv_out.getvalue().startswith(b"\xef\xbb\xbf")
    from_csv = read_table(csv_out.getvalue(), "x.csv")
    from_xlsx = read_table(xlsx_out.getvalue(), "x.xlsx")
    assert from_csv.rows[0].cells == {"namn": "Åsa", "datum": "2024-01-02", "antal": "3"}
    assert from_xlsx.rows[0].cells == {"namn": "Åsa", "datum": datetime(2024, 1, 2), "antal": 3}
    assert parse_date(from_xlsx.rows[0].cells["datum"]) == parse_date(
        from_csv.rows[0].cells["datum"]
    )


# --- The fast XLSX reader gives what openpyxl gives ------------------------------------------


def openpyxl_rows(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    sheet.reset_dimensions()
    result = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if values:
            result.append((number, values))
    return result


def fast_rows(data: bytes) -> list[tuple[int, list]]:
    sheet = first_sheet(data)
    assert sheet is not None
    try:
        return [(n, v) for n, v in sheet.rows() if v]
    finally:
        sheet.archive.close()


def rich_workbook(write_only: bool, epoch_1904: bool = False) -> bytes:
    from datetime import time, timedelta

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    workbook = Workbook(write_only=write_only)
    if epoch_1904:
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.create_sheet("Data") if write_only else workbook.active
    rows = [
        ["text", "heltal", "decimal", "datum", "tid", "sant", "tom", "långt"],
        ["Åsa", 1, 2.5, datetime(2024, 2, 29), datetime(2024, 1, 1, 13, 30), True, None, "x" * 300],
        ["", 0, -1e-7, date(1900, 3, 1), time(8, 15), False, None, "=not a formula"],
        [],
        [None, None, None, None, None, None, None, "sist"],
        ["durations", timedelta(hours=30)],
    ]
    for values in rows:
        sheet.append(values)
    if not write_only:
        sheet["A8"] = CellRichText(["fet ", TextBlock(InlineFont(b=True), "text")])
        sheet["C9"] = 12345678901234
        sheet["B2"].number_format = "0.00"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("write_only", "epoch_1904"), [(False, False), (True, False), (False, True)]
)
def test_the_fast_xlsx_reader_matches_openpyxl(write_only, epoch_1904):
    data = rich_workbook(write_only, epoch_1904)
    assert fast_rows(data) == openpyxl_rows(data)


def with_sheet_xml(sheet_data: str) -> bytes:
    """An xlsx whose first sheet is the given <sheetData> (cells as other programs write)."""
    base = io.BytesIO()
    Workbook().save(base)
    source = zipfile.ZipFile(io.BytesIO(base.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = (
                    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
                    '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    f"<sheetData>{sheet_data}</sheetData></worksheet>"
                ).encode()
            target.writestr(item, content)
    return out.getvalue()


def test_the_fast_xlsx_reader_handles_formulas_errors_and_cells_without_references():
    data = with_sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
        '<c r="C1" t="inlineStr"><is><r><t>rik </t></r><r><t>text</t></r></is></c></row>'
        '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"x"</f><v>x</v></c>'
        '<c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="b"><v>1</v></c></row>'
        "<row><c><v>7</v></c><c><v>8.5</v></c></row>"
        '<row r="10"><c r="AA10" t="d"><v>2024-05-01T00:00:00</v></c></row>'
    )
    rows = fast_rows(data)
    assert rows == openpyxl_rows(data)
    assert rows[0] == (1, ["a", None, "rik text"])
    assert rows[1] == (3, [2, "x", "#N/A", True])
    assert rows[2] == (4, [7, 8.5])
    assert rows[3][0] == 10 and rows[3][1][26] == datetime(2024, 5, 1)


def test_an_empty_first_sheet_is_refused_kindly():
    with pytest.raises(TabularError) as raised:
        read_table(with_sheet_xml(""), "x.xlsx")
    assert raised.value.errors[0].reason.startswith("Rubrikraden saknas")
