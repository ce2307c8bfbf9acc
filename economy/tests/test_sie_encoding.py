"""The reader must bring å, ä, ö out right whatever encoding the exporting program used."""

from __future__ import annotations

import pytest

from economy.sie import decode_sie, read_sie
from economy.tests.sie_files import SIE_SAMPLES as SAMPLES

SWEDISH = "Åsa Öberg Ärlig på väg för öre"
FILE = '#FLAGGA 0\n#FORMAT PC8\n#SIETYP 1\n#FNAMN "{name}"\n#KONTO 1930 "Bank {name}"\n'


@pytest.mark.parametrize(
    ("encoding", "prefix", "detected"),
    [
        ("cp437", b"", "cp437"),
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("latin-1", b"", "cp1252"),
        ("iso-8859-15", b"", "cp1252"),
        ("cp1252", b"", "cp1252"),
        ("utf-16", b"", "utf-16"),  # Python writes the BOM itself
    ],
)
def test_swedish_letters_come_out_right_in_every_common_encoding(
    tmp_path, encoding, prefix, detected
):
    path = tmp_path / "fil.se"
    path.write_bytes(prefix + FILE.format(name=SWEDISH).encode(encoding))

    sie = read_sie(path)

    assert sie.company_name == SWEDISH
    assert sie.accounts["1930"].name == f"Bank {SWEDISH}"
    assert sie.encoding == detected


def test_a_bom_does_not_end_up_in_the_first_label(tmp_path):
    path = tmp_path / "fil.se"
    path.write_bytes(b"\xef\xbb\xbf#FLAGGA 1\n")

    assert read_sie(path).flag == "1"


def test_latin_text_that_is_not_valid_windows_1252_still_decodes():
    text, encoding = decode_sie('#FNAMN "Åsa Öst\x8d"\n'.encode("latin-1"))

    assert encoding == "latin-1"
    assert "Åsa Öst" in text


def test_a_cp437_file_with_a_few_latin_1_bytes_is_still_read_as_cp437():
    # SPCS wrote the path in #FNR in Latin-1 but the rest in CP437.
    sie = read_sie(SAMPLES / "Sie 1.SE")

    assert sie.encoding == "cp437"
    assert sie.company_name == "Övningsbolaget AB"


@pytest.mark.parametrize(
    ("name", "company", "account", "account_name"),
    [
        (
            "transaktioner_ovnbolag.se",
            "Övningsbolaget AB (Ekonomi 60)",
            "1930",
            "Bank, checkräkningskonto",
        ),
        ("live2011.se", "Övningsbolaget AB", "1686", "Fodran Teater Caféet"),
        (
            "magenta_bokföring_SIE4E.se",
            "TESTFÖRETAGET AB",
            "0351",
            "Förs varor inom Sverige, oredu",
        ),
        ("Sie2.se", "Demoföretaget AB", "1019", "Ack avskr på balans utg  "),
    ],
)
def test_cp437_samples_decode_to_swedish_letters(name, company, account, account_name):
    sie = read_sie(SAMPLES / name)

    assert sie.encoding == "cp437"
    assert sie.company_name == company
    assert sie.account_name(account) == account_name


def test_the_utf8_sample_is_read_as_utf8():
    sie = read_sie(SAMPLES / "SIE4_Exempelfil_med_underdim.SE")

    # The exporting program had already replaced its Ö with U+FFFD; UTF-8 keeps it as is.
    assert sie.encoding == "utf-8"
    assert sie.company_name == "\ufffdvningsbolaget AB"
