"""Property tests: whatever bytes arrive, the reader returns a SieFile or raises SieError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from economy.sie import Problem, SieError, SieFile, read_sie
from economy.tests.sie_files import SIE_SAMPLES as SAMPLES

SMALL_SAMPLES = [
    (SAMPLES / name).read_bytes()
    for name in (
        "FAKT.SI",
        "Lön.si",
        "BL0001_typ4I.SI",
        "SIE4 Visma Anläggningsregister.si",
        "Exempelbolaget_SIE_110322_B_33.si",
        "Sie1.se",  # has #KSUMMA
        "live2011.se",
    )
]
FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NASTY_BYTES = [b'"', b"{", b"}", b"\\", b"#", b" ", b"\t", b"\n", b"\r", b"\x00", b"\xff", b"\x94"]


def read_or_refuse(data: bytes) -> SieFile | SieError:
    try:
        result = read_sie(data)
    except SieError as error:
        assert error.problems
        assert all(isinstance(problem, Problem) for problem in error.problems)
        assert all(isinstance(problem.line, int) and problem.message for problem in error.problems)
        return error
    assert isinstance(result, SieFile)
    return result


@st.composite
def mutated_sample(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SMALL_SAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat"]))
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "truncate":
            del data[position:]
        elif action == "flip" and data:
            data[position] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(NASTY_BYTES))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        else:
            end = data.find(b"\n", position)
            data[position:position] = data[position : end if end >= 0 else None]
    return bytes(data)


LABELS = [
    "#FLAGGA", "#KSUMMA", "#VER", "#TRANS", "#RTRANS", "#BTRANS", "#IB", "#UB", "#RES",
    "#OIB", "#OUB", "#PSALDO", "#PBUDGET", "#RAR", "#KONTO", "#KTYP", "#DIM", "#UNDERDIM",
    "#OBJEKT", "#GEN", "#SIETYP", "#FORMAT", "#OMFATTN", "#OKÄND", "{", "}", "",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(
        ["0", "-1", "1930", "100.50", "-0.01", "1e5", "12,5", "20230101", "20231301", "202301",
         '""', '"a b"', '"\\""', '"', "{}", "{6 P1}", '{1 "x" 6', "{", "}", "{{", "T", "ÅÄÖ",
         "\\", "99999999999999999999", "9" * 40]
    ),
    st.text(max_size=8),
)  # fmt: skip


@st.composite
def token_soup(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        label = draw(st.sampled_from(LABELS))
        values = draw(st.lists(VALUES, max_size=7))
        lines.append(" ".join([label, *values]))
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["cp437", "utf-8", "latin-1"]))
    return text.encode(encoding, "replace")


@FUZZ
@given(mutated_sample())
def test_mutated_real_exports_are_read_or_refused_cleanly(data):
    read_or_refuse(data)


@FUZZ
@given(token_soup())
def test_generated_token_soup_is_read_or_refused_cleanly(data):
    read_or_refuse(data)


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused_cleanly(data):
    read_or_refuse(data)
