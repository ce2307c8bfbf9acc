"""The förbund's own scales and instruments; an answered one changes into a new version."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scope

from surveys.models import Instrument
from surveys.services import import_survey_responses, survey_results

ADD = reverse("surveys:instrument_add", kwargs={"forbund": "alfa"})


def post(client, url=ADD, **extra):
    data = {
        "scales": "ja_nej; Nej | Ja; 2",
        "code": "EGEN",
        "name": "Styrelseenkät",
        "group": "styrelse",
        "questions": "C1; ja_nej; Var mötet bra?\nC2; grad6; Fick du tala till punkt?\n"
        "C3; fritext; Något mer?",
    }
    return client.post(url, data | extra)


def test_kansli_makes_an_own_instrument_that_takes_answers(world, clients):
    assert post(clients["kansli"]).status_code == 302
    text = "svar_id;enkat;insats;datum;C1;C2;C3\n" + "".join(
        f"{n};EGEN;A1;2024-04-01;{'Ja' if n % 4 else 'nej'};{n % 6 + 1};Bra möte {n}\n"
        for n in range(8)
    )
    assert import_survey_responses(world.a, text.encode(), "egen.csv").ok
    result = survey_results(world.a, 2024, "EGEN")
    c1 = result["fragor"][0]
    assert c1["skala"] == ["Nej", "Ja"] and c1["antal"] == {"Nej": 2, "Ja": 6, "ej_svar": 0}
    assert c1["andel_positiva"] == 75
    assert [q["kod"] for q in result["fragor"]] == ["C1", "C2"]  # free text never in results
    assert "Bra möte" not in str(result)


def test_a_changed_answered_instrument_becomes_version_2(world, clients):
    post(clients["kansli"])
    text = "svar_id;enkat;insats;datum;C1\n" + "".join(
        f"{n};EGEN;A1;2024-04-01;Ja\n" for n in range(5)
    )
    assert import_survey_responses(world.a, text.encode(), "egen.csv").ok
    with scope(forbund=world.a):
        first = Instrument.objects.get(code="EGEN")
    edit = reverse("surveys:instrument_edit", kwargs={"forbund": "alfa", "instrument": first.pk})
    response = post(clients["kansli"], edit, questions="C1; ja_nej; Var mötet mycket bra?")
    assert response.status_code == 302
    with scope(forbund=world.a):
        versions = list(Instrument.objects.filter(code="EGEN").order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].questions.get(code="C1").text == "Var mötet bra?"  # untouched
    assert [q.text for q in versions[1].questions.all()] == ["Var mötet mycket bra?"]
    assert survey_results(world.a, 2024, "EGEN")["enkat"]["version"] == 1  # the answered one


def test_a_bad_line_is_explained(world, clients):
    response = post(clients["kansli"], questions="C1; okand_skala; Fråga?")
    assert response.status_code == 200
    assert "Rad 1: skalan okand_skala finns inte" in response.content.decode()
    assert clients["insatsansvarig"].get(ADD).status_code == 403
