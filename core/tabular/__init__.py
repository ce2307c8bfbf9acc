"""Reading and writing the tabular files offices keep in Excel (CSV and XLSX).

One reader for every import (participants, insatser, budgets):

    table = read_table(uploaded_file, "deltagare.xlsx")
    columns = {"startdatum": Column("startdatum", required=True, parse=parse_date)}
    headers = check_headers(table, columns.values())  # missing/unknown/duplicate columns
    parse = RowParser(columns.values(), headers.sources)
    for row in table.rows:
        values = parse(row, errors)                       # {"startdatum": date(...)}

Reading rules (docs/format/deltagarfil.md, shared by all imports):
- XLSX: the first sheet, header in row 1, date cells become dates.
- CSV: UTF-8 with or without BOM, else Windows-1252; delimiter `;` or `,` detected from the
  header line; header in line 1.
- Header names match case-insensitively, ignoring surrounding spaces and å/ä/ö vs a/a/o.
- Every row keeps the number the user sees in Excel (header = row 1), so errors can point to it.
- Errors are Swedish and name row, column, value and reason (`CellError`).

Modules: reading (read_table, CSV), xlsx (the fast sheet reader), columns (column
specifications and parsers), text (normalisation), writing (CSV/XLSX out), exporters (the
export registry), flow (the steps every import shares), errors.
"""

from .columns import (
    Column,
    HeaderCheck,
    Parser,
    RowParser,
    check_headers,
    memoized,
    parse_code,
    parse_date,
    parse_decimal,
    parse_int,
    parse_row,
    parse_text,
)
from .errors import CellError, TabularError, ValueProblem
from .flow import ImportFlow, ImportRefused, ImportResult, errors_of
from .reading import (
    CSV_EXTENSIONS,
    XLSX_EXTENSIONS,
    FileLike,
    Row,
    Table,
    decode_text,
    detect_delimiter,
    read_table,
)
from .text import cell_text, fold, normalise_code, normalise_header
from .writing import (
    Emphasised,
    Sheet,
    csv_cell,
    iter_errors_as_rows,
    write_csv,
    write_workbook,
    write_xlsx,
)

__all__ = [
    "CSV_EXTENSIONS",
    "XLSX_EXTENSIONS",
    "CellError",
    "Column",
    "Emphasised",
    "FileLike",
    "HeaderCheck",
    "ImportFlow",
    "ImportRefused",
    "ImportResult",
    "Parser",
    "Row",
    "RowParser",
    "Sheet",
    "Table",
    "TabularError",
    "ValueProblem",
    "cell_text",
    "check_headers",
    "csv_cell",
    "decode_text",
    "detect_delimiter",
    "errors_of",
    "fold",
    "iter_errors_as_rows",
    "memoized",
    "normalise_code",
    "normalise_header",
    "parse_code",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_row",
    "parse_text",
    "read_table",
    "write_csv",
    "write_workbook",
    "write_xlsx",
]
