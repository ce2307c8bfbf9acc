"""A corpus of hostile and broken files, built in memory (nothing large is committed).

    for case in tabular_cases():       # CSV/XLSX files for every tabular import
        case.name, case.filename, case.data(), case.refused, case.big
    for case in sie_cases():           # SIE files

`refused`: the file must be refused as a whole (a Swedish message, nothing written);
otherwise it may be accepted or refused, but must never crash. `big`: takes a second or
more to build or to read (a zip bomb, 1 000 000 rows): run through fewer paths in tests.
The builders are also used by `bench/bench_hostile.py` to measure memory and time.
"""

from __future__ import annotations

import codecs
import io
import random
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from core import limits

_BUILT: dict[str, bytes] = {}


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[], bytes]
    refused: bool = True
    big: bool = False

    def data(self) -> bytes:
        """The file's bytes (built once per process: some take a second)."""
        if self.name not in _BUILT:
            _BUILT[self.name] = self.build()
        return _BUILT[self.name]

    def __str__(self) -> str:
        return self.name


# --- Writing XLSX by hand: each part as given, so any part can be broken ---------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_REL_NS}>'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def sheet_xml(rows: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {_NS}><sheetData>{rows}'
        "</sheetData></worksheet>"
    ).encode()


def inline_row(number: int, values: list[str]) -> str:
    cells = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)
    return f'<row r="{number}">{cells}</row>'


HEADER = inline_row(1, ["deltagar_id", "insats", "startdatum"])


def xlsx(
    sheet: bytes | Callable[[zipfile.ZipFile], None],
    *,
    shared: bytes | None = None,
    workbook: str = _WORKBOOK,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A workbook with the given sheet XML (or a function writing the sheet member)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        if callable(sheet):
            sheet(archive)
        else:
            archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def _stream_member(name: str, chunks: Iterator[bytes]) -> Callable[[zipfile.ZipFile], None]:
    def write(archive: zipfile.ZipFile) -> None:
        with archive.open(name, "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)

    return write


def _lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """The archive with `member`'s uncompressed size (local and central header) set to
    `declared`: what a zip bomb does to pass a check of the declared sizes."""
    patched = bytearray(data)
    name = member.encode()
    local = patched.find(b"PK\x03\x04" + b"\x00" * 0)
    while local >= 0:
        name_length = struct.unpack_from("<H", patched, local + 26)[0]
        if patched[local + 30 : local + 30 + name_length] == name:
            struct.pack_into("<I", patched, local + 22, declared)
        local = patched.find(b"PK\x03\x04", local + 4)
    central = patched.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", patched, central + 24, declared)
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


def _valid_xlsx() -> bytes:
    return xlsx(sheet_xml(HEADER + inline_row(2, ["P-1", "A1", "2024-01-01"])))


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _zeros(total: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    while total > 0:
        yield b" " * min(chunk, total)
        total -= chunk


def _million_rows_sheet() -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + _NS.encode() + b"><sheetData>"
    yield HEADER.encode()
    for start in range(2, 1_000_002, 10_000):
        yield "".join(
            f'<row r="{n}"><c><v>{n}</v></c><c t="inlineStr"><is><t>A1</t></is></c></row>'
            for n in range(start, start + 10_000)
        ).encode()
    yield b"</sheetData></worksheet>"


def _many_shared_strings() -> bytes:
    count = limits.XLSX_MAX_SHARED_STRINGS + 10
    body = "".join(f"<si><t>{n:x}</t></si>" for n in range(count))
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>{body}</sst>'.encode()
    return xlsx(sheet_xml(HEADER), shared=shared)


def _long_shared_string() -> bytes:
    text = "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyz", k=200_000))
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}><si><t>{text}</t></si></sst>'
    rows = HEADER + '<row r="2"><c t="s"><v>0</v></c></row>'
    return xlsx(sheet_xml(rows), shared=shared.encode())


def _many_members() -> bytes:
    extra = {f"xl/media/bild{n}.xml": b"<a/>" for n in range(limits.XLSX_MAX_MEMBERS + 10)}
    return xlsx(sheet_xml(HEADER), extra=extra)


def _wide_header(columns: int) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>k{n}</t></is></c>' for n in range(columns))
    return xlsx(sheet_xml(f'<row r="1">{cells}</row>'))


def _lying_bomb() -> bytes:
    data = xlsx(_stream_member("xl/worksheets/sheet1.xml", _zeros(200 * limits.MB)))
    return _lie_about_size(data, "xl/worksheets/sheet1.xml", 10_000)


def _unknown_compression(member: str | None = None) -> bytes:
    """Compression method 99 (AES), which zipfile cannot unpack, in the headers of `member`
    (of every member when None)."""
    data = bytearray(_valid_xlsx())
    name = member.encode() if member else None
    # (signature, offset of the method, of the name's length, of the name): local, central.
    for signature, method_at, length_at, name_at in (
        (b"PK\x03\x04", 8, 26, 30),
        (b"PK\x01\x02", 10, 28, 46),
    ):
        position = data.find(signature)
        while position >= 0:
            length = struct.unpack_from("<H", data, position + length_at)[0]
            found = bytes(data[position + name_at : position + name_at + length])
            if name is None or found == name:
                struct.pack_into("<H", data, position + method_at, 99)
            position = data.find(signature, position + 4)
    return bytes(data)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _garbage(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def xlsx_cases() -> list[Case]:
    def bad_cell(cell: str) -> Callable[[], bytes]:
        return lambda: xlsx(sheet_xml(HEADER + f'<row r="2">{cell}</row>'))

    return [
        Case("xlsx-zzzzzz2", "deltagare.xlsx", bad_cell('<c r="ZZZZZZ2"><v>1</v></c>'), False),
        Case(
            "xlsx-zzzzzz1-header",
            "deltagare.xlsx",
            lambda: xlsx(
                sheet_xml('<row r="1"><c r="ZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>')
            ),
        ),
        Case("xlsx-xfd-data", "deltagare.xlsx", bad_cell('<c r="XFD2"><v>1</v></c>'), False),
        Case("xlsx-200000-columns", "deltagare.xlsx", lambda: _wide_header(200_000)),
        Case("xlsx-300-columns", "deltagare.xlsx", lambda: _wide_header(300)),
        Case(
            "xlsx-shared-index-out-of-range",
            "deltagare.xlsx",
            bad_cell('<c t="s"><v>99999</v></c>'),
        ),
        Case(
            "xlsx-shared-index-negative",
            "deltagare.xlsx",
            bad_cell('<c t="s"><v>-1</v></c>'),
            False,
        ),
        Case("xlsx-number-not-a-number", "deltagare.xlsx", bad_cell("<c><v>abc</v></c>")),
        Case("xlsx-huge-integer", "deltagare.xlsx", bad_cell(f"<c><v>{'9' * 5000}</v></c>")),
        Case(
            "xlsx-infinite-number", "deltagare.xlsx", bad_cell('<c s="0"><v>1e999</v></c>'), False
        ),
        Case("xlsx-bad-reference", "deltagare.xlsx", bad_cell('<c r="1A"><v>1</v></c>')),
        Case("xlsx-reference-symbols", "deltagare.xlsx", bad_cell('<c r="@@1"><v>1</v></c>')),
        Case("xlsx-bad-style", "deltagare.xlsx", bad_cell('<c s="x"><v>1</v></c>')),
        Case("xlsx-bad-iso-date", "deltagare.xlsx", bad_cell('<c t="d"><v>inte-ett-datum</v></c>')),
        Case("xlsx-bad-bool", "deltagare.xlsx", bad_cell('<c t="b"><v>ja</v></c>')),
        Case(
            "xlsx-huge-row-number",
            "deltagare.xlsx",
            lambda: xlsx(sheet_xml(HEADER + f'<row r="{"9" * 5000}"><c><v>1</v></c></row>')),
            False,
        ),
        Case(
            "xlsx-long-inline-string",
            "deltagare.xlsx",
            bad_cell(f'<c t="inlineStr"><is><t>{"x" * (limits.MAX_CELL_CHARS + 1)}</t></is></c>'),
        ),
        Case(
            "xlsx-formulas",
            "deltagare.xlsx",
            lambda: xlsx(
                sheet_xml(
                    HEADER
                    + '<row r="2"><c t="str"><f>HYPERLINK("http://x.invalid","klicka")</f>'
                    + "<v>klicka</v></c><c t=\"str\"><f>cmd|' /C calc'!A0</f><v>A1</v></c>"
                    + '<c t="inlineStr"><is><t>=1+1</t></is></c></row>'
                )
            ),
            False,
        ),
        Case(
            "xlsx-dates-as-strings-and-numbers",
            "deltagare.xlsx",
            bad_cell('<c t="inlineStr"><is><t>P-1</t></is></c><c><v>45000</v></c><c><v>-5</v></c>'),
            False,
        ),
        Case(
            "xlsx-doctype-billion-laughs-sheet",
            "deltagare.xlsx",
            lambda: xlsx(
                sheet_xml(
                    HEADER + '<row r="2"><c t="inlineStr"><is><t>&amp;</t></is></c></row>',
                    BILLION_LAUGHS,
                )
            ),
        ),
        Case(
            "xlsx-billion-laughs-used",
            "deltagare.xlsx",
            lambda: xlsx(
                sheet_xml(
                    HEADER + '<row r="2"><c t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                    BILLION_LAUGHS,
                )
            ),
        ),
        Case(
            "xlsx-doctype-workbook",
            "deltagare.xlsx",
            lambda: xlsx(
                sheet_xml(HEADER), workbook=_WORKBOOK.replace("?>", "?>" + BILLION_LAUGHS, 1)
            ),
        ),
        Case(
            "xlsx-external-entity-shared-strings",
            "deltagare.xlsx",
            lambda: xlsx(
                sheet_xml(HEADER + '<row r="2"><c t="s"><v>0</v></c></row>'),
                shared=(
                    f'<?xml version="1.0"?>{EXTERNAL_ENTITY}<sst {_NS}><si><t>&xxe;</t></si></sst>'
                ).encode(),
            ),
        ),
        Case(
            "xlsx-undefined-entity",
            "deltagare.xlsx",
            bad_cell('<c t="inlineStr"><is><t>&okand;</t></is></c>'),
        ),
        Case(
            "xlsx-zip-bomb",
            "deltagare.xlsx",
            lambda: xlsx(_stream_member("xl/worksheets/sheet1.xml", _zeros(400 * limits.MB))),
            big=True,
        ),
        Case(
            "xlsx-zip-bomb-ratio",
            "deltagare.xlsx",
            lambda: xlsx(_stream_member("xl/worksheets/sheet1.xml", _zeros(50 * limits.MB))),
        ),
        Case("xlsx-zip-bomb-lying-sizes", "deltagare.xlsx", _lying_bomb, big=True),
        Case("xlsx-many-members", "deltagare.xlsx", _many_members),
        Case("xlsx-many-shared-strings", "deltagare.xlsx", _many_shared_strings, big=True),
        Case("xlsx-long-shared-string", "deltagare.xlsx", _long_shared_string),
        Case(
            "xlsx-million-rows",
            "deltagare.xlsx",
            lambda: xlsx(_stream_member("xl/worksheets/sheet1.xml", _million_rows_sheet())),
            big=True,
        ),
        Case("xlsx-truncated", "deltagare.xlsx", lambda: _valid_xlsx()[: len(_valid_xlsx()) // 2]),
        Case("xlsx-not-a-zip", "deltagare.xlsx", lambda: b"deltagar_id;insats\nP-1;A1\n"),
        Case("xlsx-ole-xls-bytes", "deltagare.xlsx", lambda: OLE_MAGIC + _garbage(4096, 1)),
        Case("xls-ole", "deltagare.xls", lambda: OLE_MAGIC + _garbage(4096, 2)),
        Case("xlsx-garbage", "deltagare.xlsx", lambda: _garbage(10_000, 3)),
        Case(
            "xlsx-zip-header-garbage", "deltagare.xlsx", lambda: b"PK\x03\x04" + _garbage(5000, 4)
        ),
        Case("xlsx-empty-zip", "deltagare.xlsx", lambda: b"PK\x05\x06" + b"\x00" * 18),
        Case("xlsx-unknown-compression", "deltagare.xlsx", _unknown_compression),
        Case(
            "xlsx-sheet-unknown-compression",
            "deltagare.xlsx",
            lambda: _unknown_compression("xl/worksheets/sheet1.xml"),
        ),
        Case(
            "xlsx-no-sheet",
            "deltagare.xlsx",
            lambda: xlsx(sheet_xml(HEADER), workbook=_WORKBOOK.replace("rId1", "rId9")),
        ),
        Case("xlsx-sheet-not-xml", "deltagare.xlsx", lambda: xlsx(b"\x00\x01 inte xml")),
        Case("xlsx-empty-file", "deltagare.xlsx", lambda: b""),
    ]


def _csv(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


CSV_HEADER = "deltagar_id;insats;startdatum\n"


def _million_rows_csv() -> bytes:
    rows = "".join(f"{n};A1;1\n" for n in range(1_000_000))  # 12 MB: under the size limit
    return (CSV_HEADER + rows).encode()


def _wide_csv() -> bytes:
    """As many columns as allowed and one letter in every cell: the most cells per byte."""
    header = ";".join(f"k{n}" for n in range(limits.MAX_COLUMNS)) + "\n"
    row = ";".join("a" * limits.MAX_COLUMNS) + "\n"
    rows = limits.MAX_CELLS // limits.MAX_COLUMNS + 10
    return (header + row * rows).encode()


def csv_cases() -> list[Case]:
    big_field = "x" * (200 * 1024)
    return [
        Case("csv-empty", "deltagare.csv", lambda: b""),
        Case("csv-only-newlines", "deltagare.csv", lambda: b"\n\r\n\n"),
        Case("csv-nul-in-code", "deltagare.csv", _csv(CSV_HEADER + "P-1;A\x001;2024-01-01\n")),
        Case("csv-nul-in-header", "deltagare.csv", _csv("deltagar\x00_id;insats\n")),
        Case("csv-field-over-128-kib", "deltagare.csv", _csv(CSV_HEADER + f"P-1;A1;{big_field}\n")),
        Case(
            "csv-quoted-field-over-128-kib",
            "deltagare.csv",
            _csv(CSV_HEADER + f'P-1;"{big_field}";x\n'),
        ),
        Case(
            "csv-field-over-cell-limit",
            "deltagare.csv",
            _csv(CSV_HEADER + "P-1;" + "y" * 40_000 + ";x\n"),
        ),
        Case(
            "csv-unclosed-quote",
            "deltagare.csv",
            _csv(CSV_HEADER + 'P-1;"A1;2024-01-01\n' * 3),
            False,
        ),
        Case(
            "csv-10-mb-line",
            "deltagare.csv",
            _csv(CSV_HEADER + "z" * (10 * limits.MB) + "\n"),
            big=True,
        ),
        Case(
            "csv-200000-columns",
            "deltagare.csv",
            _csv(";".join(f"k{n}" for n in range(200_000)) + "\n"),
        ),
        Case(
            "csv-200000-fields-in-a-row", "deltagare.csv", _csv(CSV_HEADER + ";x" * 200_000 + "\n")
        ),
        Case("csv-million-rows", "deltagare.csv", _million_rows_csv, big=True),
        Case("csv-wide-rows", "deltagare.csv", _wide_csv, big=True),
        Case(
            "csv-mixed-encodings",
            "deltagare.csv",
            lambda: (
                CSV_HEADER.encode()
                + "Åsa;A1;2024-01-01\n".encode()
                + "Örjan;A1;2024-01-01\n".encode("cp1252")
            ),
            False,
        ),
        Case(
            "csv-utf16-bom",
            "deltagare.csv",
            lambda: codecs.BOM_UTF16_LE + CSV_HEADER.encode("utf-16-le"),
            False,
        ),
        Case(
            "csv-utf16-be-bom",
            "deltagare.csv",
            lambda: codecs.BOM_UTF16_BE + CSV_HEADER.encode("utf-16-be"),
            False,
        ),
        Case(
            "csv-utf32-bom",
            "deltagare.csv",
            lambda: codecs.BOM_UTF32_LE + CSV_HEADER.encode("utf-32-le"),
            False,
        ),
        Case(
            "csv-double-utf8-bom",
            "deltagare.csv",
            lambda: codecs.BOM_UTF8 * 2 + CSV_HEADER.encode(),
            False,
        ),
        Case("csv-only-bom", "deltagare.csv", lambda: codecs.BOM_UTF8),
        Case(
            "csv-formulas",
            "deltagare.csv",
            _csv(
                CSV_HEADER
                + "=HYPERLINK(\"http://x.invalid\");+A1;@SUM(1)\n-1;=cmd|' /C calc'!A0;2024-01-01\n"
            ),
            False,
        ),
        Case(
            "csv-control-characters",
            "deltagare.csv",
            _csv(CSV_HEADER + "P-\x01;A\x0b1;2024-01-01\n"),
            False,
        ),
        Case(
            "csv-surrogate-escapes",
            "deltagare.csv",
            lambda: CSV_HEADER.encode() + b"P-\xed\xa0\x80;A1;2024-01-01\n",
            False,
        ),
        Case("csv-binary-garbage", "deltagare.csv", lambda: _garbage(20_000, 5), False),
        Case(
            "csv-dates-as-numbers",
            "deltagare.csv",
            _csv(
                CSV_HEADER
                + "P-1;A1;45000\nP-2;A1;99999999999999999999\nP-3;A1;-1\nP-4;A1;0000-00-00\n"
            ),
        ),
        Case(
            "csv-huge-numbers",
            "deltagare.csv",
            _csv(
                "Kommun;År;Befolkning\nAlfa;2024;"
                + "9" * 5000
                + "\nAlfa;99999999999999999999;1\nAlfa;-1;-1\n"
            ),
        ),
        Case("csv-only-header", "deltagare.csv", _csv(CSV_HEADER), False),
    ]


def tabular_cases() -> list[Case]:
    return [*xlsx_cases(), *csv_cases()]


# --- SIE -------------------------------------------------------------------------------------

SIE_HEAD = (
    "#FLAGGA 0\n#PROGRAM Fientlig 1.0\n#FORMAT PC8\n#SIETYP 4\n#FNAMN Test\n"
    "#RAR 0 20230101 20231231\n#KONTO 1910 Kassa\n#KONTO 2010 Eget kapital\n"
    "#KONTO 4010 Kostnad\n"
)


def _voucher(number: int, amount: str, account: str = "1910", other: str = "2010") -> str:
    negative = amount[1:] if amount.startswith("-") else f"-{amount}"
    return (
        f'#VER A {number} 20230115 "Ver"\n{{\n#TRANS {account} {{}} {amount}\n'
        f"#TRANS {other} {{}} {negative}\n}}\n"
    )


def _sie(body: str) -> Callable[[], bytes]:
    return lambda: (SIE_HEAD + body).encode("cp437")


def _sie_many_lines() -> bytes:
    count = limits.SIE_MAX_LINES // 4 + 10
    return (SIE_HEAD + "".join(_voucher(n, "1.00") for n in range(count))).encode()


def sie_cases() -> list[Case]:
    big = "9" * 17
    return [
        Case("sie-empty", "bok.se", lambda: b""),
        Case("sie-binary-garbage", "bok.se", lambda: _garbage(20_000, 6)),
        Case("sie-xlsx-bytes", "bok.se", _valid_xlsx),
        Case("sie-amount-1e16", "bok.se", _sie(_voucher(1, "10000000000000000.00"))),
        Case("sie-amount-17-digits", "bok.se", _sie(_voucher(1, big))),
        Case("sie-amount-5000-digits", "bok.se", _sie(_voucher(1, "9" * 5000))),
        Case("sie-ib-1e16", "bok.se", _sie("#IB 0 1910 10000000000000000\n")),
        Case(
            "sie-sum-overflows",
            "bok.se",
            _sie(_voucher(1, "9000000000000000.00") + _voucher(2, "9000000000000000.00")),
        ),
        Case(
            "sie-ib-plus-vouchers-overflow",
            "bok.se",
            _sie("#IB 0 1910 9000000000000000\n" + _voucher(1, "9000000000000000.00")),
        ),
        Case(
            "sie-quantity-overflow",
            "bok.se",
            _sie(
                '#VER A 1 20230115 "V"\n{\n#TRANS 1910 {} 1 "" "" 100000000000000000\n'
                "#TRANS 2010 {} -1\n}\n"
            ),
        ),
        Case("sie-year-index-99999", "bok.se", _sie("#IB 99999 1910 100\n#UB 99999 1910 100\n")),
        Case("sie-year-index-negative-huge", "bok.se", _sie("#IB -999999999999 1910 100\n")),
        Case("sie-dimension-negative", "bok.se", _sie("#DIM -1 Negativ\n#OBJEKT -1 x y\n")),
        Case(
            "sie-dimension-huge",
            "bok.se",
            _sie("#DIM 99999999999 Stor\n#UNDERDIM 99999999998 Under 99999999999\n"),
        ),
        Case(
            "sie-broken-ksumma",
            "bok.se",
            lambda: b"#KSUMMA\n" + (SIE_HEAD + _voucher(1, "5.00")).encode() + b"#KSUMMA 12345\n",
        ),
        Case(
            "sie-ksumma-not-a-number",
            "bok.se",
            lambda: b"#KSUMMA\n" + SIE_HEAD.encode() + b"#KSUMMA abc\n",
        ),
        Case("sie-ksumma-unclosed", "bok.se", lambda: b"#KSUMMA\n" + SIE_HEAD.encode()),
        Case(
            "sie-unbalanced-voucher",
            "bok.se",
            _sie('#VER A 1 20230115 "V"\n{\n#TRANS 1910 {} 100\n#TRANS 2010 {} -1\n}\n'),
        ),
        Case(
            "sie-unknown-labels",
            "bok.se",
            _sie("#OKAND 1 2 3\n#XYZ\n" + _voucher(1, "5.00")),
            False,
        ),
        Case("sie-nul-in-account", "bok.se", _sie(_voucher(1, "5.00", account="19\x0010"))),
        Case(
            "sie-nul-in-text",
            "bok.se",
            _sie('#VER A 1 20230115 "V\x00"\n{\n#TRANS 1910 {} 1\n#TRANS 2010 {} -1\n}\n'),
        ),
        Case(
            "sie-control-characters",
            "bok.se",
            _sie('#VER A 1 20230115 "V\x01\x0b"\n{\n#TRANS 1910 {} 1\n#TRANS 2010 {} -1\n}\n'),
            False,
        ),
        Case(
            "sie-unclosed-braces",
            "bok.se",
            _sie('#VER A 1 20230115 "V"\n{\n#TRANS 1910 {} 1\n' * 1000),
        ),
        Case("sie-nested-braces", "bok.se", _sie("#TRANS 1910 {" + "{" * 10000 + "} 1\n")),
        Case(
            "sie-10-mb-line",
            "bok.se",
            _sie('#FNAMN "' + "x" * (10 * limits.MB) + '"\n'),
            False,
            big=True,
        ),
        Case(
            "sie-dates-out-of-range",
            "bok.se",
            _sie('#VER A 1 99991231 "V"\n{\n#TRANS 1910 {} 1 00000000\n#TRANS 2010 {} -1\n}\n'),
        ),
        Case(
            "sie-rar-reversed",
            "bok.se",
            lambda: SIE_HEAD.replace("20230101 20231231", "20231231 20230101").encode(),
        ),
        Case(
            "sie-utf16-bom",
            "bok.se",
            lambda: codecs.BOM_UTF16_LE + SIE_HEAD.encode("utf-16-le"),
            False,
        ),
        Case("sie-too-many-lines", "bok.se", _sie_many_lines, big=True),
    ]


# --- Checking what an import did ---------------------------------------------------------------

# Tables a request may change without an import having written anything.
UNCOUNTED = {"sessions", "axes", "admin"}
SWEDISH_MARKERS = (
    "å",
    "ä",
    "ö",
    "Å",
    "Ä",
    "Ö",
    "saknas",
    "kolumn",
    "Rad ",
    "rad ",
    "fil",
    "blad",
    "inte",
)


def row_counts() -> dict[str, int]:
    """Rows of every table (those a request changes by itself aside)."""
    from django.apps import apps
    from django_scopes import scopes_disabled

    with scopes_disabled():
        return {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.app_label not in UNCOUNTED
        }


def is_swedish(message: str) -> bool:
    """Good enough to tell our messages from a Python or library error text."""
    text = message.lower()
    return bool(text) and any(marker.lower() in text for marker in SWEDISH_MARKERS)


def with_allocation_round(year: int = 2024) -> None:
    """The year's allocation round, without which the ideal allocation's import stops early."""
    from budget.models import AllocationRound

    AllocationRound.objects.get_or_create(
        year=year, defaults={"appropriation": 339_000_000, "forbund_count": 75}
    )
