"""Guess the character encoding of a SIE file so that å, ä and ö come out right.

The standard prescribes CP437 ("#FORMAT PC8"), but real exports also arrive as UTF-8
(with or without BOM), ISO-8859-1/15 or Windows-1252, now and then as UTF-16 with BOM.
A BOM decides; then valid UTF-8 wins; otherwise the encoding that turns more bytes into
Swedish letters wins, CP437 on a tie.
"""

from __future__ import annotations

import codecs
import re

UTF8_BOM = b"\xef\xbb\xbf"

# Bytes that are å ä ö Å Ä Ö é ü É Ü in each candidate encoding.
_CP437_LETTERS = re.compile(b"[\x86\x84\x94\x8f\x8e\x99\x82\x81\x90\x9a]")
_LATIN_LETTERS = re.compile(b"[\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xfc\xc9\xdc]")
_NON_ASCII = re.compile(b"[\x80-\xff]")


def detect_encoding(data: bytes) -> str:
    """Return the Python codec name to decode `data` (without any UTF-8 BOM) with."""
    if not _NON_ASCII.search(data):
        return "cp437"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    cp437_score = len(_CP437_LETTERS.findall(data))
    latin_score = len(_LATIN_LETTERS.findall(data))
    if latin_score > cp437_score:
        return "cp1252" if _decodes(data, "cp1252") else "latin-1"
    return "cp437"


def decode_sie(data: bytes) -> tuple[str, str]:
    """Decode the whole file; returns (text, codec name). Never raises."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    has_bom = data.startswith(UTF8_BOM)
    if has_bom:
        data = data[len(UTF8_BOM) :]
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    if has_bom and encoding == "utf-8":
        encoding = "utf-8-sig"
    return text, encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
