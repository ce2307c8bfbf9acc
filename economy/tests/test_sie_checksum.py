"""#KSUMMA: CRC-32 over label and field texts between the two #KSUMMA records."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from economy.sie import SieError, read_sie, sie_checksum
from economy.tests.sie_files import SIE_SAMPLES as SAMPLES

RECORDS = [
    ["#PROGRAM", "Test program", "1.0"],
    ["#FORMAT", "PC8"],
    ["#SIETYP", "4"],
    ["#FNAMN", "Förbundet"],
    ["#KONTO", "1930", 'Bank "Nordea"'],
    ["#VER", "A", "1", "20230101", "Hyra"],
    ["#TRANS", "1930", "6", "P1", "-100.00"],
    ["#TRANS", "6110", "100.00"],
]
BODY = """#PROGRAM "Test program" 1.0
#FORMAT PC8
#SIETYP 4
#FNAMN "Förbundet"
#KONTO 1930 "Bank \\"Nordea\\""
#VER A 1 20230101 Hyra
{
#TRANS 1930 {6 "P1"} -100.00
#TRANS 6110 {} 100.00
}
"""


def write(tmp_path: Path, checksum: int | str) -> Path:
    path = tmp_path / "ksumma.se"
    text = f"#FLAGGA 0\n#KSUMMA\n{BODY}#KSUMMA {checksum}\n"
    path.write_bytes(text.encode("cp437"))
    return path


def expected_checksum() -> int:
    # Written out by hand from the standard's rule: labels and field texts, no separators,
    # quotes or braces, in the file's CP437 bytes.
    return zlib.crc32("".join("".join(record) for record in RECORDS).encode("cp437"))


def test_the_crc_is_the_common_crc32():
    assert sie_checksum([["123456789"]]) == 0xCBF43926


def test_a_correct_checksum_is_verified(tmp_path):
    sie = read_sie(write(tmp_path, expected_checksum()))

    assert sie.checksum_verified


def test_a_wrong_checksum_refuses_the_file(tmp_path):
    with pytest.raises(SieError) as caught:
        read_sie(write(tmp_path, expected_checksum() ^ 1))

    (problem,) = caught.value.problems
    assert problem.line == BODY.count("\n") + 3
    assert "#KSUMMA stämmer inte" in problem.message


def test_a_checksum_that_is_not_a_number_refuses_the_file(tmp_path):
    with pytest.raises(SieError, match="ingen giltig kontrollsumma"):
        read_sie(write(tmp_path, "abc"))


def test_an_opening_ksumma_without_a_closing_one_refuses_the_file(tmp_path):
    path = tmp_path / "open.se"
    path.write_bytes(f"#FLAGGA 0\n#KSUMMA\n{BODY}".encode("cp437"))

    with pytest.raises(SieError, match="aldrig avslutas"):
        read_sie(path)


def test_a_file_without_ksumma_is_not_marked_verified(tmp_path):
    path = tmp_path / "plain.se"
    path.write_bytes(f"#FLAGGA 0\n{BODY}".encode("cp437"))

    assert not read_sie(path).checksum_verified


KSUMMA_SAMPLES = sorted(path.name for path in SAMPLES.iterdir() if b"#KSUMMA" in path.read_bytes())


@pytest.mark.parametrize("name", KSUMMA_SAMPLES)
def test_real_exports_with_ksumma_verify(name):
    assert read_sie(SAMPLES / name).checksum_verified


def test_a_changed_account_name_in_a_real_export_breaks_its_checksum(tmp_path):
    data = (SAMPLES / "Sie1.se").read_bytes()
    changed = tmp_path / "changed.se"
    changed.write_bytes(data.replace(b'"Kassa"', b'"Kasse"', 1))
    assert changed.read_bytes() != data

    with pytest.raises(SieError, match="#KSUMMA stämmer inte"):
        read_sie(changed)


def test_ksumma_samples_exist():
    assert len(KSUMMA_SAMPLES) >= 6
