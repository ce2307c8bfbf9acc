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


def test_a_translated_form_counts_with_the_swedish_one(world, clients, client):
    from django.core.cache import cache

    from surveys.models import Round

    cache.clear()
    response = post(
        clients["kansli"],
        translations="en; namn; Board survey\nen; C1; Was the meeting good?\n"
        "en; steg:ja_nej; No | Yes\nen; text:skicka; Send\nar; C1; هل كان الاجتماع جيدا؟",
    )
    assert response.status_code == 302
    with scope(forbund=world.a):
        instrument = Instrument.objects.get(code="EGEN")
        survey_round = Round.objects.create(
            forbund=world.a,
            instrument=instrument,
            name="Styrelsen",
            start_date=world.extra["survey_round"].start_date,
            end_date=world.extra["survey_round"].end_date,
        )
        survey_round.insatser.add(world.insats_a1)
    url = reverse("survey_answer", kwargs={"survey_token": survey_round.token})
    english = client.get(url + "?sprak=en").content.decode()
    assert "Board survey" in english and "Was the meeting good?" in english
    assert "<span>Yes</span>" in english and "<span>Nej</span>" not in english
    assert 'lang="en"' in english and ">Send<" in english
    arabic = client.get(url + "?sprak=ar").content.decode()
    assert 'dir="rtl"' in arabic and "هل كان الاجتماع جيدا؟" in arabic
    assert "Var mötet bra?" not in arabic
    assert client.post(url + "?sprak=en", {"q_C1": "2"}).status_code == 302
    assert client.post(url, {"q_C1": "2"}).status_code == 302
    from django.utils import timezone

    result = survey_results(world.a, timezone.localdate().year, "EGEN")
    assert result["fragor"][0]["antal"] is None  # 2 answers: too few to show
    with scope(forbund=world.a):
        assert survey_round.responses.count() == 2
