"""#KSUMMA: CRC-32 over the records between the opening and the closing #KSUMMA.

As SIE 4B describes it: the checksum covers every label and field text of those records
in file order, without separators, quotes, braces or line ends, in the file's own bytes
(CP437 for a standard file). The CRC is the common CRC-32 (polynomial 0xEDB88320,
preset and final inversion), i.e. `zlib.crc32`.
"""

from __future__ import annotations

import zlib


class ChecksumAccumulator:
    """Feeds record texts into a running CRC-32, in one or more candidate encodings."""

    def __init__(self, encodings: tuple[str, ...]) -> None:
        self._crcs = dict.fromkeys(encodings, 0)

    def add(self, parts: list[str]) -> None:
        text = "".join(parts)
        for encoding, crc in self._crcs.items():
            self._crcs[encoding] = zlib.crc32(text.encode(encoding, "replace"), crc)

    def matches(self, expected: int) -> bool:
        return expected in self._crcs.values()

    @property
    def value(self) -> int:
        """The checksum in the first (the file's own) encoding."""
        return next(iter(self._crcs.values()))


def checksum_encodings(file_encoding: str) -> tuple[str, ...]:
    """The file's bytes first; a non-CP437 file may still have been summed as PC8."""
    own = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(file_encoding, file_encoding)
    return (own,) if own == "cp437" else (own, "cp437")


def sie_checksum(records: list[list[str]], encoding: str = "cp437") -> int:
    """Checksum of the given records (label and field texts) — for writing test files."""
    accumulator = ChecksumAccumulator((encoding,))
    for parts in records:
        accumulator.add(parts)
    return accumulator.value
