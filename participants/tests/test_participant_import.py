"""The participant file contract, rule by rule (docs/format/deltagarfil.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scope

from core.models import AuditEvent
from participants.choices import Education, EndReason, FollowUp12, Gender, Referrer
from participants.models import Participant, Participation
from participants.services import import_participants
from samples.participant_rows import HEADER, csv_bytes, row, xlsx_bytes


def run(world, data: bytes, filename: str = "deltagare.csv", dry_run: bool = False, user=None):
    return import_participants(world.a, data, filename, user, dry_run=dry_run)


def stored(world, code: str = "ALFA-001", insats: str = "A1") -> Participation:
    with scope(forbund=world.a):
        return Participation.objects.select_related("participant").get(
            participant__code=code, insats__code=insats
        )


def count(world) -> int:
    with scope(forbund=world.a):
        return Participation.objects.count()


def errors_as_tuples(result) -> list[tuple]:
    return [(e.row, e.column, e.value) for e in result.errors]


# --- A good file -----------------------------------------------------------------------------


def test_a_valid_row_becomes_a_participation_with_every_field(world):
    result = run(world, csv_bytes([row(egen_forsorjning_12_man="ej nådd")]))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    p = stored(world)
    assert p.participant.code == "ALFA-001"
    assert p.start_date == date(2023, 2, 1)
    assert p.end_date == date(2023, 10, 31)
    assert p.end_reason == EndReason.ARBETE
    assert p.gender == Gender.KVINNA
    assert p.birth_year == 1988
    assert p.education == Education.GYMNASIUM
    assert p.referrer == Referrer.FORSAKRINGSKASSAN
    assert p.municipality == "Täby"
    assert p.follow_up_12m == FollowUp12.EJ_NADD


def test_the_same_person_in_two_insatser_is_one_participant_with_two_participations(world):
    result = run(world, csv_bytes([row(), row(insats="A2", startdatum="2022-01-10")]))
    assert result.ok and result.created == 2 and result.new_participants == 1
    with scope(forbund=world.a):
        assert Participant.objects.get(code="ALFA-001").participations.count() == 2


def test_column_order_is_free_and_headers_match_case_and_accents_and_spaces(world):
    header = [
        " Startdatum ",
        "INSATS",
        "Deltagar_ID",
        "Kön",
        "Födelseår",
        "Utbildning",
        "Inremitterande_part",
        "Kommun",
        "Slutdatum",
        "Avslutsorsak",
        "Egen_försörjning_12_mån",
    ]
    values = row()
    keyed = {
        " Startdatum ": values["startdatum"],
        "INSATS": "A1",
        "Deltagar_ID": "ALFA-001",
        "Kön": "kvinna",
        "Födelseår": "1988",
        "Utbildning": "gymnasium",
        "Inremitterande_part": "kommun",
        "Kommun": "Täby",
        "Slutdatum": values["slutdatum"],
        "Avslutsorsak": "studier",
        "Egen_försörjning_12_mån": "ja",
    }
    result = run(world, csv_bytes([keyed], header=header))
    assert result.ok, result.errors
    p = stored(world)
    assert (p.end_reason, p.referrer, p.follow_up_12m) == ("studier", "kommun", "ja")


def test_optional_columns_may_be_left_out(world):
    header = ["deltagar_id", "insats", "kon", "startdatum"]
    result = run(world, csv_bytes([row()], header=header))
    assert result.ok, result.errors
    p = stored(world)
    assert (p.end_date, p.birth_year, p.education, p.municipality) == (None, None, "", "")


def test_an_unknown_column_is_a_warning_and_is_ignored(world):
    header = [*HEADER, "anteckning"]
    result = run(world, csv_bytes([row(anteckning="hemligt")], header=header))
    assert result.ok
    assert [(w.row, w.column) for w in result.warnings] == [(1, "anteckning")]


def test_values_are_trimmed(world):
    result = run(world, csv_bytes([row(deltagar_id="  ALFA-001 ", insats=" A1", kommun=" Täby ")]))
    assert result.ok, result.errors
    assert stored(world).municipality == "Täby"


# --- Code lists: every spelling variant -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored_value"),
    [
        ("kvinna", "kvinna"),
        ("Kvinna", "kvinna"),
        ("k", "kvinna"),
        ("K", "kvinna"),
        ("man", "man"),
        ("MAN", "man"),
        ("m", "man"),
        ("ej angivet", "ej_angivet"),
        ("Ej_angivet", "ej_angivet"),
        ("ej-angivet", "ej_angivet"),
        ("", "ej_angivet"),
    ],
)
def test_kon_accepts_each_spelling(world, text, stored_value):
    result = run(world, csv_bytes([row(kon=text)]))
    assert result.ok, result.errors
    assert stored(world).gender == stored_value


@pytest.mark.parametrize(
    ("text", "stored_value"),
    [
        ("grundskola", "grundskola"),
        ("Grundskola", "grundskola"),
        ("gymnasium", "gymnasium"),
        ("GYMNASIUM", "gymnasium"),
        ("eftergymnasial", "eftergymnasial"),
        ("Eftergymnasial", "eftergymnasial"),
        ("", ""),
    ],
)
def test_utbildning_accepts_each_spelling(world, text, stored_value):
    result = run(world, csv_bytes([row(utbildning=text)]))
    assert result.ok, result.errors
    assert stored(world).education == stored_value


@pytest.mark.parametrize(
    ("text", "stored_value"),
    [
        ("försäkringskassan", "forsakringskassan"),
        ("Forsakringskassan", "forsakringskassan"),
        ("FÖRSÄKRINGSKASSAN", "forsakringskassan"),
        ("arbetsförmedlingen", "arbetsformedlingen"),
        ("Arbetsformedlingen", "arbetsformedlingen"),
        ("kommun", "kommun"),
        ("Region", "region"),
        ("egen", "egen"),
        ("Egen anmälan", "egen"),
        ("annan", "annan"),
        ("", ""),
    ],
)
def test_inremitterande_part_accepts_each_spelling(world, text, stored_value):
    result = run(world, csv_bytes([row(inremitterande_part=text)]))
    assert result.ok, result.errors
    assert stored(world).referrer == stored_value


@pytest.mark.parametrize(
    ("text", "stored_value"),
    [
        ("arbete", "arbete"),
        ("Arbete", "arbete"),
        ("studier", "studier"),
        ("arbetssökande", "arbetssokande"),
        ("Arbetssokande", "arbetssokande"),
        ("fortsatt rehabilitering", "fortsatt_rehabilitering"),
        ("Fortsatt rehabilitering", "fortsatt_rehabilitering"),
        ("fortsatt_rehabilitering", "fortsatt_rehabilitering"),
        ("fortsatt-rehabilitering", "fortsatt_rehabilitering"),
        ("FORTSATT  REHABILITERING", "fortsatt_rehabilitering"),
        ("sjukdom", "sjukdom"),
        ("annat", "annat"),
        ("", ""),
    ],
)
def test_avslutsorsak_accepts_each_spelling(world, text, stored_value):
    result = run(world, csv_bytes([row(avslutsorsak=text)]))
    assert result.ok, result.errors
    assert stored(world).end_reason == stored_value


@pytest.mark.parametrize(
    ("text", "stored_value"),
    [
        ("ja", "ja"),
        ("Ja", "ja"),
        ("nej", "nej"),
        ("NEJ", "nej"),
        ("ej nådd", "ej_nadd"),
        ("Ej nadd", "ej_nadd"),
        ("ej_nådd", "ej_nadd"),
        ("ej-nadd", "ej_nadd"),
        ("", ""),
    ],
)
def test_egen_forsorjning_accepts_each_spelling(world, text, stored_value):
    result = run(world, csv_bytes([row(egen_forsorjning_12_man=text)]))
    assert result.ok, result.errors
    assert stored(world).follow_up_12m == stored_value


def test_an_end_date_without_reason_means_no_registered_end_reason(world):
    result = run(world, csv_bytes([row(avslutsorsak="")]))
    assert result.ok
    p = stored(world)
    assert p.end_date == date(2023, 10, 31) and p.end_reason == ""


# --- Each kind of error ---------------------------------------------------------------------


def test_an_unknown_insats_is_an_error_with_row_column_and_value(world):
    result = run(world, csv_bytes([row(), row(deltagar_id="ALFA-002", insats="X9")]))
    assert errors_as_tuples(result) == [(3, "insats", "X9")]
    assert "insats" in result.errors[0].reason.lower()


def test_an_insats_of_another_forbund_is_unknown(world):
    result = run(world, csv_bytes([row(insats="B1")]))
    assert errors_as_tuples(result) == [(2, "insats", "B1")]


@pytest.mark.parametrize("text", ["2023-13-01", "2023-02-30", "1/2/2023", "igår", "2023-2-1"])
def test_a_start_date_that_is_not_a_date_is_an_error(world, text):
    result = run(world, csv_bytes([row(startdatum=text)]))
    assert errors_as_tuples(result) == [(2, "startdatum", text)]


def test_a_bad_end_date_is_an_error(world):
    result = run(world, csv_bytes([row(slutdatum="31.10.2023")]))
    assert errors_as_tuples(result) == [(2, "slutdatum", "31.10.2023")]


def test_an_end_date_before_the_start_date_is_an_error(world):
    result = run(world, csv_bytes([row(startdatum="2023-05-01", slutdatum="2023-04-30")]))
    assert errors_as_tuples(result) == [(2, "slutdatum", "2023-04-30")]
    assert "före startdatum" in result.errors[0].reason


def test_an_end_date_on_the_start_date_is_allowed(world):
    assert run(world, csv_bytes([row(startdatum="2023-05-01", slutdatum="2023-05-01")])).ok


def test_an_end_reason_without_an_end_date_is_an_error(world):
    result = run(world, csv_bytes([row(slutdatum="", avslutsorsak="fortsatt rehabilitering")]))
    assert errors_as_tuples(result) == [(2, "avslutsorsak", "fortsatt rehabilitering")]
    assert "slutdatum" in result.errors[0].reason


@pytest.mark.parametrize(
    "code",
    [
        "8501011234",
        "850101-1234",
        "850101+1234",
        "198501011234",
        "19850101-1234",
        " 19850101-1234 ",
    ],
)
def test_a_personnummer_like_deltagar_id_is_an_error(world, code):
    result = run(world, csv_bytes([row(deltagar_id=code)]))
    assert errors_as_tuples(result) == [(2, "deltagar_id", code.strip())]
    assert "personnummer" in result.errors[0].reason


@pytest.mark.parametrize("code", ["85010112", "P-8501011234", "12345678901", "2023-0042"])
def test_ids_that_only_resemble_numbers_are_accepted(world, code):
    assert run(world, csv_bytes([row(deltagar_id=code)])).ok


def test_a_deltagar_id_longer_than_64_characters_is_an_error(world):
    result = run(world, csv_bytes([row(deltagar_id="x" * 65)]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "deltagar_id")]


@pytest.mark.parametrize("column", ["deltagar_id", "insats", "startdatum"])
def test_a_required_value_that_is_empty_is_an_error(world, column):
    result = run(world, csv_bytes([row(**{column: ""})]))
    assert [(e.row, e.column) for e in result.errors] == [(2, column)]


@pytest.mark.parametrize("column", ["deltagar_id", "insats", "kon", "startdatum"])
def test_a_missing_required_column_is_an_error_on_the_header_row(world, column):
    header = [name for name in HEADER if name != column]
    result = run(world, csv_bytes([row()], header=header))
    assert [(e.row, e.column) for e in result.errors] == [(1, column)]
    assert "saknas" in result.errors[0].reason


@pytest.mark.parametrize("text", ["kvinnor", "f", "x", "annat"])
def test_a_bad_kon_is_an_error_listing_the_allowed_values(world, text):
    result = run(world, csv_bytes([row(kon=text)]))
    assert errors_as_tuples(result) == [(2, "kon", text)]
    assert "kvinna, man, ej angivet" in result.errors[0].reason


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("utbildning", "universitet"),
        ("inremitterande_part", "skolan"),
        ("avslutsorsak", "flyttat"),
        ("egen_forsorjning_12_man", "kanske"),
    ],
)
def test_an_unknown_code_value_is_an_error(world, column, text):
    result = run(world, csv_bytes([row(**{column: text})]))
    assert errors_as_tuples(result) == [(2, column, text)]


@pytest.mark.parametrize("text", ["88", "1899", "19880", "nittonhundra"])
def test_a_bad_birth_year_is_an_error(world, text):
    result = run(world, csv_bytes([row(fodelsear=text)]))
    assert errors_as_tuples(result) == [(2, "fodelsear", text)]


def test_a_birth_year_after_the_start_year_is_an_error(world):
    result = run(world, csv_bytes([row(fodelsear="2024", startdatum="2023-02-01")]))
    assert errors_as_tuples(result) == [(2, "fodelsear", "2024")]


def test_the_same_participation_twice_in_a_file_is_an_error_naming_the_first_row(world):
    result = run(world, csv_bytes([row(), row(kommun="Vaxholm")]))
    assert errors_as_tuples(result) == [(3, "deltagar_id", "ALFA-001")]
    assert "rad 2" in result.errors[0].reason


def test_every_error_is_listed_not_only_the_first(world):
    rows = [
        row(deltagar_id="A-1", insats="X9"),
        row(deltagar_id="A-2", startdatum="2023-02-31"),
        row(deltagar_id="850101-1234"),
        row(deltagar_id="A-4", kon="x", avslutsorsak="sjukdom", slutdatum=""),
    ]
    result = run(world, csv_bytes(rows))
    assert errors_as_tuples(result) == [
        (2, "insats", "X9"),
        (3, "startdatum", "2023-02-31"),
        (4, "deltagar_id", "850101-1234"),
        (5, "kon", "x"),
        (5, "avslutsorsak", "sjukdom"),
    ]


def test_errors_read_as_swedish_sentences_with_row_column_value_and_reason(world):
    result = run(world, csv_bytes([row(), row(deltagar_id="B", startdatum="2023-02-30")]))
    assert str(result.errors[0]) == (
        "Rad 3, kolumn startdatum, värde ”2023-02-30”: Datumet finns inte i kalendern."
    )


def test_a_file_without_header_is_refused(world):
    result = run(world, b"")
    assert [(e.row, e.reason[:16]) for e in result.errors] == [(1, "Rubrikraden sakn")]


def test_an_old_excel_file_is_refused_with_advice(world):
    result = run(world, b"\xd0\xcf\x11\xe0 old binary", filename="deltagare.xls")
    assert ".xlsx" in result.errors[0].reason


def test_a_broken_xlsx_is_refused(world):
    result = run(world, b"PK\x03\x04 not really a zip", filename="deltagare.xlsx")
    assert "Excel" in result.errors[0].reason


# --- All or nothing, idempotency, dry run ----------------------------------------------------


def test_one_bad_row_means_nothing_is_written(world):
    before = count(world)
    rows = [row(deltagar_id=f"OK-{i}") for i in range(20)] + [row(deltagar_id="X", kon="?")]
    result = run(world, csv_bytes(rows))
    assert not result.ok
    assert count(world) == before
    with scope(forbund=world.a):
        assert not Participant.objects.filter(code__startswith="OK-").exists()
        assert not AuditEvent.objects.filter(action="participations.imported").exists()


def snapshot_of(world) -> list[tuple]:
    with scope(forbund=world.a):
        return sorted(
            Participation.objects.values_list(
                "participant__code", "start_date", "end_date", "end_reason", "updated_at"
            )
        )


def test_importing_the_same_file_twice_leaves_the_same_data(world):
    data = csv_bytes([row(), row(deltagar_id="ALFA-002", slutdatum="", avslutsorsak="")])
    first = run(world, data)
    snapshot = snapshot_of(world)
    second = run(world, data)
    assert (first.created, second.created, second.updated, second.unchanged) == (2, 0, 0, 2)
    assert snapshot_of(world) == snapshot


def test_a_changed_row_updates_its_participation(world):
    run(world, csv_bytes([row(slutdatum="", avslutsorsak="")]))
    result = run(world, csv_bytes([row(slutdatum="2024-01-15", avslutsorsak="studier")]))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert [c.columns for c in result.changes] == [["slutdatum", "avslutsorsak"]]
    p = stored(world)
    assert (p.end_date, p.end_reason) == (date(2024, 1, 15), "studier")


def test_a_new_start_date_is_a_new_participation(world):
    run(world, csv_bytes([row()]))
    result = run(world, csv_bytes([row(startdatum="2024-03-01", slutdatum="", avslutsorsak="")]))
    assert result.created == 1 and result.new_participants == 0


def test_nothing_is_deleted_by_an_import(world):
    run(world, csv_bytes([row(), row(deltagar_id="ALFA-002")]))
    before = count(world)
    result = run(world, csv_bytes([row()]))
    assert result.unchanged == 1 and count(world) == before


def test_a_dry_run_reports_what_would_change_and_writes_nothing(world):
    run(world, csv_bytes([row(slutdatum="", avslutsorsak="")]))
    before = count(world)
    with scope(forbund=world.a):
        events = AuditEvent.objects.count()
    data = csv_bytes([row(slutdatum="2024-01-15"), row(deltagar_id="ALFA-009")])
    result = run(world, data, dry_run=True)
    assert result.ok and result.dry_run and not result.written
    assert (result.created, result.updated, result.new_participants) == (1, 1, 1)
    assert count(world) == before
    with scope(forbund=world.a):
        assert AuditEvent.objects.count() == events
    assert stored(world).end_date is None


def test_an_import_is_logged_once_with_counts_and_changes_per_changed_row(world):
    run(world, csv_bytes([row(slutdatum="", avslutsorsak=""), row(deltagar_id="B-2")]))
    run(world, csv_bytes([row(slutdatum="2024-01-15"), row(deltagar_id="B-2")]))
    with scope(forbund=world.a):
        imports = AuditEvent.objects.filter(action="participations.imported").order_by("id")
        assert [(e.changes["nya"], e.changes["ändrade"]) for e in imports] == [(2, 0), (0, 1)]
        update = AuditEvent.objects.get(action="participation.updated")
    assert update.object_id == str(stored(world).pk)
    assert update.changes["end_date"] == "***"
    assert "2024" not in str(update.changes) and "ALFA" not in update.object_repr


# --- File formats ---------------------------------------------------------------------------


def test_csv_in_utf8_with_bom(world):
    result = run(world, csv_bytes([row(kommun="Österåker")], bom=True))
    assert result.ok, result.errors
    assert stored(world).municipality == "Österåker"


def test_csv_in_utf8_without_bom(world):
    result = run(world, csv_bytes([row(kommun="Österåker")]))
    assert result.ok and stored(world).municipality == "Österåker"


def test_csv_in_windows_1252(world):
    data = csv_bytes([row(kommun="Österåker", avslutsorsak="arbetssökande")], encoding="cp1252")
    assert b"\xd6ster\xe5ker" in data  # really Windows-1252, not UTF-8
    result = run(world, data)
    assert result.ok, result.errors
    p = stored(world)
    assert (p.municipality, p.end_reason) == ("Österåker", "arbetssokande")


def test_csv_with_semicolons(world):
    assert run(world, csv_bytes([row()], delimiter=";")).ok


def test_csv_with_commas_and_a_quoted_comma_in_a_value(world):
    result = run(world, csv_bytes([row(kommun="Stockholm, Södermalm")], delimiter=","))
    assert result.ok, result.errors
    assert stored(world).municipality == "Stockholm, Södermalm"


def test_csv_blank_lines_are_skipped_but_row_numbers_stay_those_of_excel(world):
    data = (
        csv_bytes([row()])
        + b"\r\n\r\n"
        + csv_bytes([row(deltagar_id="Z", kon="?")])[len(";".join(HEADER)) + 2 :]
    )
    result = run(world, data)
    assert errors_as_tuples(result) == [(5, "kon", "?")]


def test_xlsx_with_date_cells_and_numeric_years(world):
    data = xlsx_bytes([row(), row(deltagar_id="ALFA-002", slutdatum="", avslutsorsak="")])
    result = run(world, data, filename="deltagare.xlsx")
    assert result.ok, result.errors
    p = stored(world)
    assert (p.start_date, p.end_date, p.birth_year) == (date(2023, 2, 1), date(2023, 10, 31), 1988)


def test_xlsx_with_dates_typed_as_text(world):
    result = run(world, xlsx_bytes([row()], date_cells=False), filename="deltagare.xlsx")
    assert result.ok and stored(world).start_date == date(2023, 2, 1)


def test_xlsx_row_numbers_count_blank_rows(world):
    data = xlsx_bytes([row(), row(deltagar_id="Y", startdatum="nej")], blank_rows_before={1: 2})
    result = run(world, data, filename="deltagare.xlsx")
    assert errors_as_tuples(result) == [(5, "startdatum", "nej")]


def test_xlsx_numeric_deltagar_id_that_is_a_personnummer_is_caught(world):
    data = xlsx_bytes([row(deltagar_id=198501011234)])
    result = run(world, data, filename="deltagare.xlsx")
    assert errors_as_tuples(result) == [(2, "deltagar_id", "198501011234")]


def test_an_import_of_a_structural_insats_warns(world):
    from participants.choices import InterventionKind
    from participants.models import Insats

    with scope(forbund=world.a):
        Insats.objects.filter(code="A2").update(kind=InterventionKind.STRUCTURAL)
    result = run(world, csv_bytes([row(insats="A2")]))
    assert result.ok
    assert [w.value for w in result.warnings] == ["A2"]


# --- Who may import what --------------------------------------------------------------------


def test_an_insatsansvarig_may_import_rows_of_their_own_insats(world):
    result = run(world, csv_bytes([row()]), user=world.users["insatsansvarig"])
    assert result.ok and result.created == 1


def test_an_insatsansvarig_gets_errors_for_rows_of_other_insatser(world):
    before = count(world)
    rows = [row(), row(deltagar_id="ALFA-002", insats="A2")]
    result = run(world, csv_bytes(rows), user=world.users["insatsansvarig"])
    assert errors_as_tuples(result) == [(3, "insats", "A2")]
    assert count(world) == before


def test_the_kansli_may_import_every_insats(world):
    rows = [row(), row(deltagar_id="ALFA-002", insats="A2")]
    assert run(world, csv_bytes(rows), user=world.users["kansli"]).created == 2
