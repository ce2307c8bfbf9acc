"""The limits on what users may send, in one place (docs/format/granser.md).

Every file import (participants, insatser, population, budget, the ideal allocation's inputs
and SIE) and every upload form reads its limits here. They bound the memory and time an
import takes whatever the file is (issue 12: any import under 500 MB and 30 s; measured in
docs/benchmarks.md, "Fientliga filer"), and each one is told in Swedish when it is hit.

The values are generous for real files: the largest file a förbund has (a participant file
of all its years, some 100 000 rows and 20 columns; a year's books of 100 000 SIE rows) is
well inside them.
"""

from __future__ import annotations

MB = 1024 * 1024

# --- Uploads (web forms and command-line files) --------------------------------------------

# A CSV or XLSX file: 100 000 participant rows are 9 MB as CSV and 5 MB as XLSX.
TABULAR_MAX_BYTES = 20 * MB
# A SIE file: a year of 100 000 transaction rows is about 7 MB.
SIE_MAX_BYTES = 20 * MB
# A filed document (the auditors' revisionsberättelse, a PDF).
DOCUMENT_MAX_BYTES = 20 * MB
# An image in a report (an organisation chart, a photo), PNG or JPEG: a 24-megapixel camera
# JPEG is 5–10 MB.
IMAGE_MAX_BYTES = 15 * MB
# Pixels of an image (width × height), read from its header before it is decoded: a small
# file that claims 100 000 × 100 000 pixels would take 30 GB to decode. 50 megapixels is
# more than any camera a förbund has; decoded it takes 150–200 MB.
IMAGE_MAX_PIXELS = 50_000_000
# Images in one report.
IMAGE_MAX_PER_REPORT = 30

# --- Tables (CSV and XLSX) -----------------------------------------------------------------

# Data rows below the header row (empty rows are not counted). The import of a valid file
# of this many rows stays under 500 MB and 30 s (docs/benchmarks.md, "Fientliga filer").
MAX_ROWS = 120_000
# Cells kept: data rows times the header's columns (a wide file reaches it before MAX_ROWS).
MAX_CELLS = 3_000_000
# Columns of the header row; cells to the right of the last header are ignored.
MAX_COLUMNS = 256
# Characters in one cell (Excel's own limit is 32 767).
MAX_CELL_CHARS = 32_767

# --- XLSX as a zip archive -----------------------------------------------------------------

# Members of the archive (a workbook has about 10; one per sheet, chart and picture more).
XLSX_MAX_MEMBERS = 1_000
# All XML parts together, uncompressed (the 100 000-row participant file: 60 MB).
XLSX_MAX_UNCOMPRESSED_BYTES = 300 * MB
# Uncompressed size over compressed size of one member; members below
# XLSX_RATIO_FROM_BYTES uncompressed are not judged (tiny parts compress very well).
XLSX_MAX_RATIO = 100
XLSX_RATIO_FROM_BYTES = 1 * MB
# Shared strings (the workbook's table of texts that cells refer to by number).
XLSX_MAX_SHARED_STRINGS = 1_000_000
# Cells read from the sheet, counted in every row (also those right of the header).
XLSX_MAX_CELLS = 6_000_000
# Cells in one row: Excel has 16 384 columns (A–XFD), so a row of more is not Excel's.
XLSX_MAX_CELLS_PER_ROW = 16_384

# --- SIE -----------------------------------------------------------------------------------

# Lines of a SIE file (every #TRANS is one; a year of 100 000 rows has about 190 000).
SIE_MAX_LINES = 400_000


def megabytes(size: int) -> str:
    """A size for a Swedish message: `30 MB`, `1,5 MB`."""
    value = size / MB
    text = f"{value:.0f}" if value >= 10 or value.is_integer() else f"{value:.1f}"
    return f"{text.replace('.', ',')} MB"
