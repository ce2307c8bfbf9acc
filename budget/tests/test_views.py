import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook, load_workbook

from budget.models import (
    AllocationRound,
    Budget,
    BudgetLine,
    BudgetRevision,
    Contribution,
    MunicipalityAllocationInput,
    MunicipalPopulation,
)
from core.models import AuditEvent
from organisations.choices import MemberKind
from organisations.models import Member, User

READ_PAGES = [
    "medlemsbidrag/2024/",
    "medlemsbidrag/",
    "budget/",
    "budget/2024/",
    "budget/2024/trearsplan/",
    "budget/2024/export/",
    "idealfordelning/",
]
MANAGE_PAGES = [
    "medlemsbidrag/2024/andra/",
    "medlemsbidrag/2024/nyckel/",
    "medlemsbidrag/2024/berakna/",
    "budget/ny/",
    "budget/2024/andra/",
    "budget/2024/rader/ny/",
    "budget/2024/andringsbeslut/ny/",
    "budget/2024/import/",
]


def url(path: str) -> str:
    return f"/f/alfa/{path}"


def _state(client, path: str) -> str:
    """The fingerprint a page of several rows carries (what it was loaded with)."""
    return client.get(path).context["form"].fields["state"].initial


@pytest.fixture
def region(world):
    with scopes_disabled():
        return Member.objects.create(
            forbund=world.a, name="Regionen", kind=MemberKind.REGION, joined_on=date(2015, 1, 1)
        )


@pytest.mark.parametrize("persona", ["styrelse", "revisor"])
def test_board_and_auditors_read_every_page_but_change_nothing(clients, persona):
    for path in READ_PAGES:
        assert clients[persona].get(url(path)).status_code == 200, path
    for path in MANAGE_PAGES:
        assert clients[persona].get(url(path)).status_code == 403, path
        assert clients[persona].post(url(path), {"total": "1"}).status_code == 403, path
    page = clients[persona].get(url("budget/2024/")).content.decode()
    assert "Nytt ändringsbeslut" not in page and "Exportera till Excel" in page


def test_an_insatsansvarig_sees_no_economy_page_even_for_their_own_insats(clients):
    for path in READ_PAGES + MANAGE_PAGES:
        assert clients["insatsansvarig"].get(url(path)).status_code == 403, path


@pytest.mark.parametrize("persona", ["kansli", "ekonom"])
def test_kansli_and_ekonom_may_manage(clients, persona):
    for path in MANAGE_PAGES:
        assert clients[persona].get(url(path)).status_code == 200, path


def test_outsiders_get_404_and_budget_b_stays_hidden(clients, world):
    assert clients["outsider"].get(url("budget/2024/")).status_code == 404
    with scopes_disabled():
        line_b = BudgetLine.objects.get(forbund=world.b)
    assert clients["kansli"].get(url(f"budget/2024/rader/{line_b.pk}/")).status_code == 404


def test_calculator_previews_without_saving_then_saves_the_chosen_column(clients, world, region):
    with scopes_disabled():
        kommun = Member.objects.get(forbund=world.a, kind=MemberKind.KOMMUN)
        MunicipalPopulation.objects.create(
            forbund=world.a, member=kommun, year=2024, population=40_000
        )
    client = clients["ekonom"]
    data = {"total": "4 000 001", "target": "decided", "action": "preview"}
    page = client.post(url("medlemsbidrag/2024/berakna/"), data)
    assert page.status_code == 200
    text = page.content.decode()
    assert "2\u00a0000\u00a0001" in text  # Försäkringskassan's half, Swedish format
    with scopes_disabled():
        assert not Contribution.objects.filter(forbund=world.a).exists()
    response = client.post(url("medlemsbidrag/2024/berakna/"), {**data, "action": "save"})
    assert response.status_code == 302
    with scopes_disabled():
        decided = dict(
            Contribution.objects.filter(forbund=world.a, year=2024).values_list(
                "member__name", "decided"
            )
        )
    assert decided == {
        "Försäkringskassan": 2_000_001,
        "Regionen": 1_000_000,
        "Samordningsförbundet Alfa kommun": 1_000_000,
    }
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="contribution.calculated").exists()


def test_calculator_explains_what_is_missing(clients, world):
    page = clients["kansli"].post(
        url("medlemsbidrag/2024/berakna/"), {"total": "100", "target": "requested"}
    )
    text = page.content.decode()
    assert "ingen medlem i gruppen regionen år 2024" in text


def test_amounts_are_typed_with_spaces_and_saved(clients, world):
    with scopes_disabled():
        fk = Member.objects.get(forbund=world.a, kind=MemberKind.FORSAKRINGSKASSAN)
    state = _state(clients["ekonom"], url("medlemsbidrag/2024/andra/"))
    response = clients["ekonom"].post(
        url("medlemsbidrag/2024/andra/"),
        {
            f"requested_{fk.pk}": "3 500 000",
            f"decided_{fk.pk}": "3 000 000",
            f"paid_{fk.pk}": "",
            "state": state,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        row = Contribution.objects.get(member=fk, year=2024)
    assert (row.requested, row.decided, row.paid) == (3_500_000, 3_000_000, None)
    page = clients["styrelse"].get(url("medlemsbidrag/2024/")).content.decode()
    assert "3\u00a0500\u00a0000" in page


def test_own_key_must_be_given_for_every_municipality_or_none(clients, world):
    with scopes_disabled():
        Member.objects.create(
            forbund=world.a,
            name="Andra kommunen",
            kind=MemberKind.KOMMUN,
            joined_on=date(2015, 1, 1),
        )
        first, second = Member.objects.filter(forbund=world.a, kind=MemberKind.KOMMUN)
    state = _state(clients["kansli"], url("medlemsbidrag/2024/nyckel/"))
    response = clients["kansli"].post(
        url("medlemsbidrag/2024/nyckel/"),
        {
            f"population_{first.pk}": "10 000",
            f"population_{second.pk}": "5000",
            f"weight_{first.pk}": "60",
            "state": state,
        },
    )
    assert "Ange egen andel för alla kommuner eller för ingen" in response.content.decode()
    response = clients["kansli"].post(
        url("medlemsbidrag/2024/nyckel/"),
        {f"population_{first.pk}": "10 000", f"population_{second.pk}": "5000", "state": state},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert MunicipalPopulation.objects.get(member=first, year=2024).population == 10_000


def test_a_revision_entered_on_the_page_keeps_the_original_visible(clients, world):
    with scopes_disabled():
        line = BudgetLine.objects.get(forbund=world.a)
    response = clients["ekonom"].post(
        url("budget/2024/andringsbeslut/ny/"),
        {
            "decided_on": "2024-09-18",
            "reference": "Styrelsen § 7",
            "note": "Vakans.",
            f"line_{line.pk}": "800 000",
            "new_category": "strukturinriktad",
            "new_name": "Kartläggning",
            "new_amount": "150000",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert BudgetRevision.objects.filter(forbund=world.a).count() == 1
    page = clients["revisor"].get(url("budget/2024/")).content.decode()
    assert "1\u00a0000\u00a0000" in page and "800\u00a0000" in page and "Kartläggning" in page
    before = clients["revisor"].get(url("budget/2024/?per=2024-09-17")).content.decode()
    assert "Kartläggning" in before  # the line exists, at its original amount 0
    assert "\u2212200\u00a0000" not in before and "\u2212200\u00a0000" in page
    # The original can no longer be edited.
    edit = clients["ekonom"].post(
        url(f"budget/2024/rader/{line.pk}/"),
        {"category": "individinriktad", "name": "X", "original_amount": "5", "position": "1"},
    )
    assert "den ursprungliga budgeten ändras inte" in edit.content.decode()


def test_lines_can_be_added_and_removed_before_any_revision(clients, world):
    client = clients["kansli"]
    response = client.post(
        url("budget/2024/rader/ny/"),
        {
            "category": "administration",
            "name": "Revision",
            "original_amount": "90 000",
            "position": "5",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        line = BudgetLine.objects.get(forbund=world.a, name="Revision")
    deleted = client.post(url(f"budget/2024/rader/{line.pk}/"), {"delete": "1", "version": 1})
    assert deleted.status_code == 302
    with scopes_disabled():
        assert not BudgetLine.objects.filter(pk=line.pk).exists()
        assert AuditEvent.objects.filter(action="budget_line.deleted").exists()


def test_budget_import_job_lists_the_errors_and_saves_nothing(
    clients, world, django_capture_on_commit_callbacks
):
    workbook = Workbook()
    workbook.active.append(["Område", "Benämning", "Insats", "Medlem", "Belopp (kr)"])
    workbook.active.append(["Administration", "Kansli", "", "", "mycket"])
    workbook.active.append(["Resor", "Buss", "", "", 5])
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("budget.xlsx", out.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["ekonom"].post(url("budget/2025/import/"), {"file": upload})
    assert response.status_code == 302  # to the job's page (budget/jobs.py)
    text = clients["ekonom"].get(response["Location"]).content.decode()
    assert "Jobbet misslyckades. Filen lästes inte in och inget har sparats:" in text
    assert "Rad 2, kolumn Belopp (kr), värde ”mycket”: Inte ett heltal." in text
    assert "Rad 3, kolumn Område, värde ”Resor”" in text
    assert "Till inläsningen" in text
    with scopes_disabled():
        assert not Budget.objects.filter(forbund=world.a, year=2025).exists()


def test_export_downloads_an_xlsx_that_the_import_page_accepts(
    clients, world, django_capture_on_commit_callbacks
):
    response = clients["revisor"].get(url("budget/2024/export/"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Budget"]
    assert [cell.value for cell in sheet[2]] == [
        "Individinriktade insatser",
        "FINSAM-team",
        "A1",
        None,
        1_000_000,
    ]
    upload = SimpleUploadedFile("budget.xlsx", response.content)
    with django_capture_on_commit_callbacks(execute=True):
        imported = clients["ekonom"].post(url("budget/2026/import/"), {"file": upload})
    assert imported.status_code == 302
    job_page = clients["ekonom"].get(imported["Location"]).content.decode()
    assert "1 budgetrader är inlästa för 2026." in job_page and "Till budgeten" in job_page
    with scope(forbund=world.a):
        assert BudgetLine.objects.filter(budget__year=2026).count() == 1


def test_a_new_budget_can_copy_the_lines_of_another_year(clients, world):
    response = clients["kansli"].post(
        url("budget/ny/"), {"year": "2025", "adopted_on": "", "note": "", "copy_from": "2024"}
    )
    assert response.status_code == 302
    page = clients["styrelse"].get(url("budget/2024/trearsplan/")).content.decode()
    assert "(plan)" in page and "(saknas)" in page
    assert page.count("1\u00a0000") >= 2  # 1 000 tkr in 2024 and 2025


def test_ideal_page_shows_the_forbunds_share_as_the_seeds_argue_it(
    clients, world, no_allocation_rounds
):
    with scopes_disabled():
        allocation_round = AllocationRound.objects.create(
            year=2023,
            appropriation=339_000_000,
            forbund_count=75,
            national_population_16_64=6_500_000,
            national_forsorjningsmatt=600_000,
        )
        MunicipalityAllocationInput.objects.create(
            round=allocation_round,
            municipality="Alfa",
            population_16_64=160_000,
            forsorjningsmatt=9_000,
            forbund_name=world.a.name,
            forbund=world.a,
        )
        for member in Member.objects.filter(forbund=world.a):
            Contribution.objects.create(
                forbund=world.a, member=member, year=2023, decided=3_000_000
            )
    page = clients["styrelse"].get(url("idealfordelning/")).content.decode()
    assert (
        "Samordningsförbundet Alfa hade 2023 6,0 av 11,6 mkr enligt statens "
        "idealfördelning (52\u00a0%)." in page
    )
    # The facts are in one unit, kronor, as the difference is (issue 11).
    facts = page.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "6\u00a0000\u00a0000 kr" in facts and " mkr" not in facts


def test_installation_admin_imports_inputs_and_shows_the_county(world, no_allocation_rounds):
    admin = User.objects.create_superuser("root", password="Tillfälligt-lösen-123")
    client = Client()
    client.force_login(admin)
    AllocationRound.objects.create(year=2024, appropriation=339_000_000, forbund_count=75)
    csv = (
        "Kommun;År;Befolkning 16–64;Försörjningsmått;Förbund\n"
        "Alfa;2024;50000;3000;alfa\nGrann;2024;50000;6000;Grannförbundet\n"
    )
    response = client.post(
        "/admin/budget/allocationround/importera/",
        {"file": SimpleUploadedFile("underlag.csv", csv.encode())},
    )
    assert response.status_code == 302
    page = client.get("/admin/budget/allocationround/lan/2024/").content.decode()
    assert "Grannförbundet" in page and "Samordningsförbundet Alfa" in page
    # Anyone else is sent to the admin login.
    staff = Client()
    staff.force_login(world.users["kansli"])
    assert staff.get("/admin/budget/allocationround/lan/2024/").status_code == 302


def test_start_page_shows_the_economy_panel_to_economy_roles_only(clients):
    assert "Beslutade medlemsbidrag" in clients["styrelse"].get(url("")).content.decode()
    assert "Beslutade medlemsbidrag" not in clients["insatsansvarig"].get(url("")).content.decode()


def _count_queries(client, path, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url(path)).status_code == 200


def test_budget_pages_do_not_query_per_line(clients, world, django_assert_max_num_queries):
    with scopes_disabled():
        budget = Budget.objects.get(forbund=world.a, year=2024)
        for number in range(40):
            BudgetLine.objects.create(
                forbund=world.a,
                budget=budget,
                category="administration",
                name=f"Rad {number}",
                original_amount=number,
                position=number + 20,
            )
    for path in ("budget/2024/trearsplan/", "budget/", "budget/2024/export/"):
        _count_queries(clients["revisor"], path, django_assert_max_num_queries, 20)
    # The year's page also shows the outcome against the budget (the driftredovisning from
    # the books: a fixed number of queries more, none per line).
    _count_queries(clients["revisor"], "budget/2024/", django_assert_max_num_queries, 32)
