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
    assert "name: A → B" in page and "forbund_id" not in page


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
    assert "typ: deltagare" in page and "rader: 2" in page and "år: 2024" in page
    # (PostgreSQL's jsonb keeps keys in its own order.)
    assert "fil: " in page
    assert all(part in page for part in ("typ xlsx", "storlek 1234", "sha256 3f6c0e1d9a2b7c44"))
