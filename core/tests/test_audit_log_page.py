"""The audit log page speaks Swedish: action names, not codes; no förbund field in every row."""

from django_scopes import scope

from core import audit


def test_the_log_names_actions_in_swedish_and_leaves_out_the_forbund_field(world, clients):
    with scope(forbund=world.a):
        audit.log(
            world.users["kansli"],
            "insats.updated",
            world.insats_a1,
            changes={"forbund_id": {"från": None, "till": 1}, "name": {"från": "A", "till": "B"}},
        )
    page = clients["kansli"].get("/f/alfa/logg/").content.decode()
    assert "Insats ändrad" in page and "insats.updated" not in page
    assert "Namn: A → B" in page and "forbund_id" not in page


def test_the_log_filter_offers_sections_and_keeps_a_prefix_typed_into_the_address(world, clients):
    with scope(forbund=world.a):
        audit.log(world.users["kansli"], "insats.updated", world.insats_a1)
        audit.log(world.users["kansli"], "budget.created", world.insats_a1)
    page = clients["kansli"].get("/f/alfa/logg/?handelse=insats.").content.decode()
    assert '<option value="insats." selected>Insatser</option>' in page
    assert "Insats ändrad" in page and "Budget skapad" not in page
    typed = clients["kansli"].get("/f/alfa/logg/?handelse=insats.upd").content.decode()
    assert '<option value="insats.upd" selected>insats.upd</option>' in typed


def test_the_log_shows_what_an_export_and_an_import_recorded(world, clients):
    with scope(forbund=world.a):
        audit.log_export(
            world.users["kansli"], world.a, kind="deltagare", file_format="csv", year=2024, rows=2
        )
        audit.log(
            world.users["kansli"],
            "participations.imported",
            forbund=world.a,
            changes={"fil": {"typ": "xlsx", "storlek": 1234, "sha256": "3f6c0e1d9a2b7c44"}},
        )
    page = clients["revisor"].get("/f/alfa/logg/").content.decode()
    assert "Fil hämtad (export)" in page
    assert "Typ: deltagare" in page and "Rader: 2" in page and "År: 2024" in page
    # (PostgreSQL's jsonb keeps keys in its own order.)
    assert "Fil: " in page
    parts = ("typ xlsx", "storlek (byte) 1\u00a0234", "kontrollsumma 3f6c0e1d9a2b7c44")
    assert all(part in page for part in parts)


# --- Field names and values as the pages name them (core.audit.describe_events) --------------


def _described(event) -> list[str]:
    return [str(change) for change in audit.describe_changes(event)]


def test_fields_are_named_by_their_verbose_names_and_values_by_their_labels(world):
    from participants.models import Participation

    with scope(forbund=world.a):
        kind = audit.log(
            world.users["kansli"],
            "insats.updated",
            world.insats_a1,
            changes={
                "kind": {"från": "individinriktad", "till": "strukturinriktad"},
                "public": {"från": False, "till": True},
            },
        )
        moved = audit.log(
            world.users["kansli"],
            "participation.updated",
            Participation(forbund=world.a, insats=world.insats_a1, pk=999),
            changes={
                "insats_id": {"från": None, "till": world.insats_a2.pk},
                "gender": audit.MASK,
            },
        )
    kinds = _described(kind)
    # (PostgreSQL's jsonb keeps keys in its own order.)
    assert set(kinds) == {
        "Typ: Individinriktad → Strukturinriktad",
        "Visas i den publika katalogen: nej → ja",
    }
    moves = _described(moved)
    assert set(moves) == {
        f"Insats: – → {world.insats_a2}",
        "Kön: ändrad (personuppgift, visas inte)",
    }


def test_amounts_are_kronor_with_thousands_and_years_stay_whole(world):
    from budget.models import Contribution

    with scope(forbund=world.a):
        member = world.a.members.first()
        contribution = Contribution.objects.create(forbund=world.a, member=member, year=2026)
        event = audit.log(
            world.users["ekonom"],
            "contribution.updated",
            contribution,
            changes={
                "decided": {"från": None, "till": 1750000},
                "year": {"från": None, "till": 2026},
                "member_id": {"från": None, "till": member.pk},
            },
        )
    shown = _described(event)
    assert set(shown) == {
        "Tilldelning: – → 1\u00a0750\u00a0000 kr",
        "År: – → 2026",
        f"Medlem: – → {member}",
    }


def test_internal_keys_have_swedish_names(world):
    with scope(forbund=world.a):
        event = audit.log(
            world.users["kansli"],
            "report.adopted",
            forbund=world.a,
            changes={
                "pdf_sha256": "1234567890123456",
                "publicering": True,
                "godtagna_avvikelser": 2,
            },
        )
    assert set(_described(event)) == {
        "Kontrollsumma (PDF): 1234567890123456",
        "Publiceringsversion: ja",
        "Godtagna avvikelser: 2",
    }


def _name(before: str, after: str) -> dict:
    return {"name": {"från": before, "till": after}}


# --- Filters -----------------------------------------------------------------------------------


def test_the_log_filters_by_person_object_and_period(world, clients):
    import datetime

    import time_machine

    with scope(forbund=world.a):
        with time_machine.travel(datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)):
            audit.log(
                world.users["kansli"],
                "insats.updated",
                world.insats_a1,
                changes={"name": {"från": "X", "till": "Gammal"}},
            )
        with time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)):
            audit.log(
                world.users["ekonom"],
                "insats.updated",
                world.insats_a2,
                changes={"name": {"från": "Y", "till": "Ny"}},
            )
    client = clients["kansli"]
    by_person = client.get(f"/f/alfa/logg/?person={world.users['ekonom'].pk}").content.decode()
    assert "Y → Ny" in by_person and "X → Gammal" not in by_person
    by_object = client.get(
        f"/f/alfa/logg/?objekttyp=participants.insats&objekt={world.insats_a1.pk}"
    ).content.decode()
    assert "X → Gammal" in by_object and "Y → Ny" not in by_object
    assert "Visa alla av samma slag" in by_object
    by_kind = client.get("/f/alfa/logg/?objekttyp=participants.insats").content.decode()
    assert "X → Gammal" in by_kind and "Y → Ny" in by_kind
    by_period = client.get("/f/alfa/logg/?fran=2025-05-01&till=2025-12-31").content.decode()
    assert "Y → Ny" in by_period and "X → Gammal" not in by_period
    upside_down = client.get("/f/alfa/logg/?fran=2025-12-31&till=2025-01-01").content.decode()
    assert "Slutet av perioden ligger före början." in upside_down
    # The choices are the förbund's own: B's people are not offered.
    assert f'value="{world.users["outsider"].pk}"' not in by_person


def test_the_log_is_paginated_and_the_pages_keep_the_filter(world, clients):
    with scope(forbund=world.a):
        for n in range(55):
            audit.log(
                world.users["kansli"],
                "insats.updated",
                world.insats_a1,
                changes={"name": {"från": "", "till": f"N{n}"}},
            )
    page = (
        clients["kansli"].get(f"/f/alfa/logg/?person={world.users['kansli'].pk}").content.decode()
    )
    assert "Sida 1 av 2" in page
    assert f"person={world.users['kansli'].pk}&amp;sida=2" in page


def test_a_calculation_names_the_field_and_the_total_in_kronor(world):
    with scope(forbund=world.a):
        event = audit.log(
            world.users["ekonom"],
            "contribution.calculated",
            forbund=world.a,
            changes={"år": 2026, "fält": "decided", "totalt": 7000000, "nyckel": "befolkning"},
        )
    assert set(_described(event)) == {
        "År: 2026",
        "Fält: tilldelning",
        "Totalt: 7\u00a0000\u00a0000 kr",
        "Nyckel: befolkning",
    }


def test_automatic_timestamps_are_left_out(world):
    from participants.models import Participation

    with scope(forbund=world.a):
        event = audit.log(
            world.users["kansli"],
            "participation.updated",
            Participation(forbund=world.a, insats=world.insats_a1, pk=998),
            changes={
                "created_at": {"från": None, "till": "2026-12-07 14:45:50.420533+00:00"},
                "insats_id": {"från": None, "till": world.insats_a1.pk},
            },
        )
    assert _described(event) == [f"Insats: – → {world.insats_a1}"]


def test_every_action_the_code_logs_has_a_swedish_name():
    import re
    from pathlib import Path

    from core.templatetags.audit_format import ACTION_LABELS

    root = Path(__file__).resolve().parents[2]
    apps = [path for path in root.iterdir() if (path / "apps.py").exists()]
    logged = set()
    either = re.compile(r"\"([a-z_]+\.[a-z_]+)\" if .* else \"([a-z_]+\.[a-z_]+)\"")
    for path in (file for app in apps for file in app.rglob("*.py")):
        if "tests" in path.parts:
            continue
        text = path.read_text()
        for call in re.finditer(r"audit\.log\((.{0,200}?)\"([a-z_]+\.[a-z_]+)\"", text, re.S):
            logged.add(call.group(2))
        for assigned in re.finditer(r"action = \"([a-z_]+\.[a-z_]+)\"", text):
            logged.add(assigned.group(1))
        for choice in either.finditer(text):
            logged |= set(choice.groups())
    assert len(logged) > 30
    assert sorted(logged - set(ACTION_LABELS)) == []


def test_the_log_page_looks_up_foreign_keys_once_per_model_not_per_event(world, clients):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from participants.models import Participation

    def queries(events: int) -> int:
        with scope(forbund=world.a):
            for n in range(events):
                audit.log(
                    world.users["kansli"],
                    "participation.updated",
                    Participation(forbund=world.a, insats=world.insats_a1, pk=900 + n),
                    changes={"insats_id": {"från": world.insats_a1.pk, "till": world.insats_a2.pk}},
                )
        with CaptureQueriesContext(connection) as captured:
            assert clients["kansli"].get("/f/alfa/logg/").status_code == 200
        return len(captured)

    clients["kansli"].get("/f/alfa/logg/")  # warm: the session's first refresh is a write
    few = queries(2)
    many = queries(40)
    assert many == few
