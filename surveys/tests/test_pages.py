"""Results, rounds, upload and export pages: what each role sees."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope

from surveys.models import Question, Response, Scale
from surveys.services import import_survey_responses

HEADER = "svar_id;enkat;insats;datum;kon;A1;B1\n"


def rows(insats: str, start: int, count: int, gender: str = "k", step: str = "6") -> str:
    return "".join(
        f"{insats}-{n};NNS-DA;{insats};2024-05-0{1 + n % 5};{gender};{step};3\n"
        for n in range(start, start + count)
    )


@pytest.fixture
def answered(world):
    """A1: 8 women and 3 men; A2: 6 women. One free text on an own question."""
    text = HEADER + rows("A1", 0, 8) + rows("A1", 100, 3, "m", "1") + rows("A2", 0, 6)
    result = import_survey_responses(world.a, text.encode(), "svar.csv")
    assert result.ok, result.errors
    return world


def results_url(**query):
    url = reverse("surveys:results", kwargs={"forbund": "alfa", "enkat": "NNS-DA", "year": 2024})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_kansli_sees_exact_counts_and_a_chart(answered, clients):
    page = clients["kansli"].get(results_url())
    assert page.status_code == 200
    result = page.context["result"]
    assert result["svar"] == {"kvinna": 14, "man": 3, "ej_angivet": 0, "totalt": 17}
    a1 = result["fragor"][0]
    assert a1["andel"]["Alltid"] == 82 and a1["andel"]["Aldrig"] == 18  # 14/17, 3/17
    text = page.content.decode()
    # The question's row: the shares, no answer (count), the positive share; a no-break space
    # before each per cent sign.
    assert (
        '<td class="num">82\u00a0%</td><td class="num">0</td><td class="num">82\u00a0%</td>' in text
    )
    assert "data:image/svg+xml;base64," in text
    assert "Staplat stapeldiagram" in text  # the chart's alt text states its numbers


def test_styrelse_sees_published_results_only(answered, clients):
    result = clients["styrelse"].get(results_url()).context["result"]
    assert result["svar"]["man"] is None  # 3 men: hidden
    assert result["svar"]["kvinna"] is None  # complementary: 14 = 17 - 3
    assert result["svar"]["totalt"] == 17


def test_insatsansvarig_sees_own_insatser_only(answered, clients):
    result = clients["insatsansvarig"].get(results_url()).context["result"]
    assert result["per_insats"] == {"A1": 11}
    assert result["svar"]["totalt"] == 11


def test_filters_by_insats_and_kon(answered, clients):
    result = clients["kansli"].get(results_url(insats="A1", kon="kvinna")).context["result"]
    assert result["svar"]["totalt"] == 8
    assert result["fragor"][0]["andel"]["Alltid"] == 100


def test_free_text_only_for_kansli(answered, clients, world):
    with scope(forbund=world.a):
        response = Response.objects.filter(insats__code="A1").first()
        scale = Scale.objects.get(code="frekvens6")
        question = Question.objects.create(
            instrument=response.instrument,
            position=99,
            code="C1",
            text="Något mer?",
            kind="fritext",
        )
        assert scale.pk
        response.answers.create(
            question=question,
            instrument=response.instrument,
            year=2024,
            insats=response.insats,
            gender=response.gender,
            text="Personalen var snäll",
        )
    assert "Personalen var snäll" in clients["kansli"].get(results_url()).content.decode()
    for persona in ("insatsansvarig", "styrelse", "revisor"):
        page = clients[persona].get(results_url()).content.decode()
        assert "Personalen var snäll" not in page, persona
    export = (
        clients["kansli"]
        .get(
            reverse(
                "surveys:export",
                kwargs={"forbund": "alfa", "enkat": "NNS-DA", "year": 2024, "file_format": "csv"},
            )
        )
        .content.decode("utf-8-sig")
    )
    assert "Personalen var snäll" not in export and "C1" not in export


def test_export_for_national_comparison_is_in_publication_mode(answered, clients):
    response = clients["kansli"].get(
        reverse(
            "surveys:export",
            kwargs={"forbund": "alfa", "enkat": "NNS-DA", "year": 2024, "file_format": "csv"},
        )
    )
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == ["ar", "enkat", "version", "insats", "fraga", "steg", "stegnummer", "antal"]
    a1 = {(r[3], r[4], r[5]): r[7] for r in table[1:]}
    assert a1[("A1", "A1", "Alltid")] == "8"
    assert a1[("A1", "A1", "Aldrig")] == "3"
    assert a1[("A2", "A1", "Alltid")] == "6"
    assert a1[("A2", "A2", "Alltid")] == ""  # A2 answered by nobody: no distribution
    xlsx = clients["kansli"].get(
        reverse(
            "surveys:export",
            kwargs={"forbund": "alfa", "enkat": "NNS-DA", "year": 2024, "file_format": "xlsx"},
        )
    )
    assert xlsx.content[:2] == b"PK"
    from django_scopes import scopes_disabled

    from core import audit
    from core.models import AuditEvent

    with scopes_disabled():
        logged = list(
            AuditEvent.objects.filter(action=audit.EXPORT_DOWNLOADED)
            .order_by("id")
            .values_list("changes", flat=True)
        )
    assert [(c["typ"], c["format"], c["år"]) for c in logged] == [
        ("enkatsvar", "csv", 2024),
        ("enkatsvar", "xlsx", 2024),
    ]


def test_upload_checks_first_then_saves(world, clients, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client = clients["kansli"]
    url = reverse("surveys:import", kwargs={"forbund": "alfa"})
    bad = client.post(
        url,
        {"file": SimpleUploadedFile("svar.csv", (HEADER + "1;NNS-DA;ZZ;2024-01-01;;;\n").encode())},
    )
    assert "Förbundet har ingen sådan insats." in bad.content.decode()
    checked = client.post(
        url, {"file": SimpleUploadedFile("svar.csv", (HEADER + rows("A1", 0, 2)).encode())}
    )
    assert checked.context["result"].ok
    with scope(forbund=world.a):
        assert not Response.objects.exists()
    confirm = client.post(
        reverse("surveys:import_confirm", kwargs={"forbund": "alfa"}),
        {"token": checked.context["token"]},
    )
    assert confirm.status_code == 302
    with scope(forbund=world.a):
        assert Response.objects.count() == 2


def test_insatsansvarig_starts_a_round_for_own_insats_and_prints_a_qr_sheet(world, clients):
    client = clients["insatsansvarig"]
    with scope(forbund=world.a):
        from surveys.services import latest_version

        instrument = latest_version(world.a, "NNS-DA")
    form = client.get(reverse("surveys:round_add", kwargs={"forbund": "alfa"}))
    assert [i.code for i in form.context["form"].fields["insatser"].queryset] == ["A1"]
    response = client.post(
        reverse("surveys:round_add", kwargs={"forbund": "alfa"}),
        {
            "name": "Våren",
            "instrument": instrument.pk,
            "insatser": [world.insats_a1.pk],
            "start_date": "2024-01-01",
            "end_date": "2024-06-30",
            "codes": "3",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    detail = client.get(response["Location"])
    assert len(detail.context["unused_codes"]) == 3
    sheet = client.get(response["Location"] + "utskrift/")
    text = sheet.content.decode()
    assert "<svg" in text and "?insats=A1" in text
    # A2 is not theirs: it cannot be chosen.
    refused = client.post(
        reverse("surveys:round_add", kwargs={"forbund": "alfa"}),
        {
            "name": "Fel",
            "instrument": instrument.pk,
            "insatser": [world.insats_a2.pk],
            "start_date": "2024-01-01",
            "end_date": "2024-06-30",
        },
    )
    assert refused.status_code == 200 and "insatser" in refused.context["form"].errors


def test_the_start_page_reminds_of_open_rounds(world, clients):
    home = reverse("organisations:home", kwargs={"forbund": "alfa"})
    for persona in ("kansli", "insatsansvarig"):
        text = clients[persona].get(home).content.decode()
        assert "Pågående enkäter" in text and "Avslutsenkät 2024" in text, persona
    assert "Pågående enkäter" not in clients["styrelse"].get(home).content.decode()


def test_the_index_filters_by_respondent_group(answered, clients):
    url = reverse("surveys:index", kwargs={"forbund": "alfa"})
    rows = clients["kansli"].get(url + "?grupp=deltagare_avslut").context["years"]
    assert [(r["instrument__code"], r["year"], r["n"]) for r in rows] == [("NNS-DA", 2024, 17)]
    assert list(clients["kansli"].get(url + "?grupp=styrelse").context["years"]) == []


def test_an_answer_file_over_the_upload_limit_is_refused_in_swedish(
    world, clients, settings, tmp_path, monkeypatch
):
    from core import limits

    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(limits, "TABULAR_MAX_BYTES", 100)
    url = reverse("surveys:import", kwargs={"forbund": "alfa"})
    content = (HEADER + rows("A1", 0, 10)).encode()
    assert len(content) > 100
    response = clients["kansli"].post(url, {"file": SimpleUploadedFile("svar.csv", content)})
    assert response.status_code == 200
    assert "en fil får vara högst" in response.content.decode()
    assert "result" not in response.context or response.context["result"] is None
    with scope(forbund=world.a):
        assert not Response.objects.exists()


def test_large_counts_are_grouped_in_thousands(world, clients):
    # 1 000 women answered A1 and left B1 blank; 10 men answered both.
    blank_b1 = "".join(f"A1-{n};NNS-DA;A1;2024-05-01;k;6;\n" for n in range(1000))
    result = import_survey_responses(
        world.a, (HEADER + blank_b1 + rows("A1", 2000, 10, "m", "1")).encode(), "svar.csv"
    )
    assert result.ok, result.errors
    text = clients["kansli"].get(results_url()).content.decode()
    assert "<dd>1\u00a0010</dd>" in text  # answered, in all
    assert "<dd>1\u00a0000</dd>" in text  # women
    assert '<td class="num">1\u00a0000</td>' in text  # B1 left blank
