"""The answer form without login: it answers, the answer counts at once, abuse is refused,
and nothing stored says who answered or when (finer than the day)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_scopes import scope

from surveys.models import Response
from surveys.services import survey_results
from surveys.services.answering import RATE_LIMIT, make_codes


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def url(world, name="survey_answer"):
    return reverse(name, kwargs={"survey_token": world.extra["survey_round"].token})


def answers(**extra):
    return {"q_A1": "6", "q_A2": "5", "q_B2": "1", "kon": "kvinna", **extra}


def test_an_answer_shows_in_the_results_at_once(world, client):
    page = client.get(url(world))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Har du fått stöd på ett sätt som är till stor nytta för dig?" in text
    assert "Kön (frivilligt)" in text
    response = client.post(url(world), answers())
    assert response.status_code == 302 and response["Location"] == url(world, "survey_thanks")
    assert "Tack för dina svar" in client.get(response["Location"]).content.decode()
    result = survey_results(world.a, response_year(world), "NNS-DA")
    assert result["svar"] == {"kvinna": 1, "man": 0, "ej_angivet": 0, "totalt": 1}
    assert result["per_insats"] == {"A1": 1}


def response_year(world) -> int:
    with scope(forbund=world.a):
        return Response.objects.get().year


def test_kon_and_questions_may_be_left_out_but_not_everything(world, client):
    empty = client.post(url(world), {})
    assert empty.status_code == 400 and "minst en fråga" in empty.content.decode()
    assert client.post(url(world), {"q_B3": "4"}).status_code == 302
    with scope(forbund=world.a):
        response = Response.objects.get()
        assert response.gender == "ej_angivet"
        assert list(response.answers.values_list("question__code", "step")) == [("B3", 4)]


def test_nothing_stored_links_an_answer_to_a_time_or_a_person(world, client):
    client.post(url(world), answers(), REMOTE_ADDR="192.0.2.55")
    with scope(forbund=world.a):
        response = Response.objects.get()
    fields = {f.name for f in Response._meta.get_fields()}
    assert not {"created", "created_at", "ip", "user", "participant"} & fields
    stored = " ".join(str(getattr(response, f.attname)) for f in Response._meta.concrete_fields)
    assert "192.0.2.55" not in stored
    assert type(response.date).__name__ == "date"


def test_the_honeypot_is_thanked_but_not_stored(world, client):
    response = client.post(url(world), answers(webbplats="http://spam.example"))
    assert response.status_code == 302
    with scope(forbund=world.a):
        assert not Response.objects.exists()


def test_too_many_answers_from_one_place_are_refused(world, client):
    for _ in range(RATE_LIMIT):
        assert client.post(url(world), answers()).status_code == 302
    assert client.post(url(world), answers()).status_code == 429
    with scope(forbund=world.a):
        assert Response.objects.count() == RATE_LIMIT


def test_a_one_time_code_answers_once(world, client):
    round = world.extra["survey_round"]
    with scope(forbund=world.a):
        [code] = make_codes(round, 1)
    assert "Din kod" in client.get(url(world)).content.decode()
    assert client.post(url(world), answers()).status_code == 400  # no code
    assert client.post(url(world), answers(kod=code.lower())).status_code == 302
    second = client.post(url(world), answers(kod=code))
    assert second.status_code == 400
    assert "redan använts" in second.content.decode()
    with scope(forbund=world.a):
        assert Response.objects.count() == 1


def test_a_closed_round_takes_no_answers(world, client):
    round = world.extra["survey_round"]
    round.is_open = False
    round.save()
    assert client.get(url(world)).status_code == 410
    assert client.post(url(world), answers()).status_code == 410


def test_an_unknown_link_is_404(db, client):
    assert (
        client.get(reverse("survey_answer", kwargs={"survey_token": "finns-inte"})).status_code
        == 404
    )
