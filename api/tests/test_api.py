"""The API's behaviour beyond the matrix: same documents as the commands, tokens, errors."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from api.models import ApiToken
from api.tokens import create_token, revoke_token, token_hash
from core import audit, figure_cache
from core.models import AuditEvent
from participants.models import Participation

from .conftest import bearer

BASE = "/api/v1/forbund/alfa/"


def test_statistics_are_the_same_json_as_the_command(world, tokens):
    out = StringIO()
    call_command("participant_stats", forbund="alfa", year=2024, stdout=out)
    response = bearer(tokens["kansli"][0]).get(BASE + "statistik/2024/")
    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())
    assert response.json()["unika_deltagare"]  # a real document, not an empty one


def test_survey_results_are_the_same_json_as_the_command(world, tokens):
    out = StringIO()
    call_command("survey_results", forbund="alfa", year=2024, enkat="NNS-DA", stdout=out)
    response = bearer(tokens["kansli"][0]).get(BASE + "enkater/NNS-DA/resultat/2024/")
    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())
    # The board sees the published version, as on the web page.
    out = StringIO()
    call_command(
        "survey_results", forbund="alfa", year=2024, enkat="NNS-DA", publicering=True, stdout=out
    )
    published = bearer(tokens["styrelse"][0]).get(BASE + "enkater/NNS-DA/resultat/2024/")
    assert published.status_code == 200
    assert published.json() == json.loads(out.getvalue())
    unknown = bearer(tokens["kansli"][0]).get(BASE + "enkater/FINNS-INTE/resultat/2024/")
    assert unknown.status_code == 404
    assert unknown["Content-Type"] == "application/problem+json"


def test_every_use_is_logged_without_the_payload(world, tokens):
    raw = tokens["kansli"][1]
    body = {"deltagar_id": "LOGG-1", "insats": "A1", "kon": "man", "startdatum": "2024-04-01"}
    assert bearer(raw).post(BASE + "deltaganden/", body, format="json").status_code == 201
    with scopes_disabled():
        token = ApiToken.objects.get(token_hash=token_hash(raw))
        uses = AuditEvent.objects.filter(action="api_token.used", object_id=str(token.pk))
        assert uses.count() == 1
        use = uses.get()
        assert use.changes["metod"] == "POST"
        assert use.changes["sökväg"] == BASE + "deltaganden/"
        assert use.changes["status"] == 201
        assert "LOGG-1" not in json.dumps(use.changes) + use.object_repr
        token.refresh_from_db()
        assert token.last_used_at is not None


def test_the_database_keeps_only_a_hash(world):
    with scopes_disabled():
        token, raw = create_token(world.a, world.users["kansli"], name="BI")
        assert raw.startswith("sam_") and len(raw) > 40
        assert raw not in {token.token_hash, token.prefix}
        assert token.token_hash == token_hash(raw)


def test_revoked_and_expired_tokens_answer_401(world):
    with scopes_disabled():
        token, raw = create_token(world.a, world.users["kansli"])
        assert bearer(raw).get(BASE + "insatser/").status_code == 200
        revoke_token(token, world.users["kansli"])
        assert bearer(raw).get(BASE + "insatser/").status_code == 401
        old, raw_old = create_token(world.a, world.users["kansli"], days=1)
        ApiToken.objects.filter(pk=old.pk).update(
            expires_on=timezone.localdate() - timedelta(days=1)
        )
    response = bearer(raw_old).get(BASE + "insatser/")
    assert response.status_code == 401
    assert "gått ut" in response.json()["detail"]


def test_a_member_who_left_the_forbund_gets_404(world):
    with scopes_disabled():
        _token, raw = create_token(world.a, world.users["ekonom"])
        world.a.memberships.filter(user=world.users["ekonom"]).delete()
    assert bearer(raw).get(BASE + "insatser/").status_code == 404


def test_the_batch_is_all_or_nothing_with_the_files_errors(world, tokens):
    rows = [
        {"deltagar_id": "OK-1", "insats": "A1", "kon": "kvinna", "startdatum": "2024-01-10"},
        {"deltagar_id": "OK-2", "insats": "A1", "kon": "okänt", "startdatum": "2024-01-10"},
        {"deltagar_id": "OK-3", "insats": "A1", "kon": "man", "startdatum": "2024-13-10"},
    ]
    client = bearer(tokens["kansli"][1])
    response = client.post(BASE + "deltaganden/batch/", {"rader": rows}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and "inget sparades" in problem["detail"]
    assert [(e["rad"], e["kolumn"]) for e in problem["errors"]] == [
        (2, "kon"),
        (3, "startdatum"),
    ]
    with scopes_disabled():
        assert not Participation.objects.filter(participant__code__startswith="OK-").exists()
    # Dry run reports, writes nothing; the real run writes all.
    good = [rows[0], {**rows[1], "kon": "man"}]
    dry = client.post(BASE + "deltaganden/batch/", {"rader": good, "provkorning": True}, "json")
    assert dry.json()["sparat"] is False and dry.json()["nya"] == 2
    done = client.post(BASE + "deltaganden/batch/", {"rader": good}, format="json").json()
    assert (done["nya"], done["sparat"], done["nya_deltagare"]) == (2, True, 2)
    with scopes_disabled():
        assert Participation.objects.filter(participant__code__startswith="OK-").count() == 2


def test_patch_changes_only_what_is_sent_and_never_the_identity(world, tokens):
    with scopes_disabled():
        row = world.extra["participation_a1"]
    client = bearer(tokens["kansli"][1])
    url = f"{BASE}deltaganden/{row.pk}/"
    changed = client.patch(url, {"kommun": "Norrtälje"}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["kommun"] == "Norrtälje"
    assert changed.json()["avslutsorsak"] == "arbete"  # untouched
    refused = client.patch(url, {"insats": "A2"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["kolumn"] == "insats"
    bad = client.patch(url, {"slutdatum": "2023-01-01"}, format="json")
    assert bad.status_code == 400
    with scopes_disabled():
        row.refresh_from_db()
        assert row.municipality == "Norrtälje" and str(row.end_date) == "2024-09-30"


def test_a_bad_year_is_a_swedish_validation_problem(world, tokens):
    response = bearer(tokens["kansli"][0]).get(BASE + "statistik/1850/")
    assert response.status_code == 400
    assert response.json()["errors"][0]["kolumn"] == "ar"
    assert "Året" in response.json()["errors"][0]["orsak"]


def test_lists_are_paginated_and_filtered(world, tokens):
    client = bearer(tokens["kansli"][0])
    page = client.get(BASE + "deltaganden/", {"per_sida": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"]
    assert client.get(BASE + "deltaganden/", {"insats": "A2"}).json()["count"] == 1
    assert client.get(BASE + "deltaganden/", {"ar": 2023}).json()["count"] == 0
    assert client.get(BASE + "insatser/", {"q": "aktivitet"}).json()["count"] == 1


def test_too_many_requests_answer_429_with_retry_after(world, tokens, settings):
    from rest_framework.throttling import UserRateThrottle

    rates = {**UserRateThrottle.THROTTLE_RATES, "user": "3/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
    original = UserRateThrottle.THROTTLE_RATES
    UserRateThrottle.THROTTLE_RATES = rates
    try:
        client = bearer(tokens["kansli"][0])
        statuses = [client.get(BASE + "insatser/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get(BASE + "insatser/")
        assert int(response["Retry-After"]) > 0
        assert response["Content-Type"] == "application/problem+json"
        assert "För många anrop" in response.json()["detail"]
    finally:
        UserRateThrottle.THROTTLE_RATES = original


def test_create_api_token_prints_only_a_working_token(world):
    out = StringIO()
    call_command(
        "create_api_token",
        forbund="alfa",
        username="kansli-a",
        namn="Ärendesystem",
        skriv=True,
        dagar=30,
        stdout=out,
    )
    raw = out.getvalue().strip()
    assert raw.startswith("sam_") and "\n" not in raw
    with scopes_disabled():
        token = ApiToken.objects.get(token_hash=token_hash(raw))
    assert (token.name, token.can_write) == ("Ärendesystem", True)
    assert token.expires_on == timezone.localdate() + timedelta(days=30)
    assert bearer(raw).get(BASE + "insatser/").status_code == 200


@pytest.mark.parametrize(
    "options, message",
    [
        ({"forbund": "alfa", "username": "finns-inte"}, "ingen användare"),
        ({"forbund": "alfa", "username": "kansli-b"}, "inte med i"),
        ({"forbund": "saknas", "username": "kansli-a"}, "inget förbund"),
        ({"forbund": "alfa", "username": "kansli-a", "dagar": 0}, "1–"),
    ],
)
def test_create_api_token_refuses_in_swedish(world, options, message):
    with scopes_disabled():
        before = ApiToken.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", **options, stdout=StringIO())
    with scopes_disabled():
        assert ApiToken.objects.count() == before


def test_budget_and_contributions_are_the_services_figures(world, tokens):
    from budget.services.budgets import budget_for_year
    from budget.services.contributions import contributions_for_year

    client = bearer(tokens["ekonom"][0])
    budget = client.get(BASE + "budget/2024/").json()
    with scope(forbund=world.a):
        snapshot = budget_for_year(world.a, 2024)
        year = contributions_for_year(world.a, 2024)
    assert budget["rader"] and len(budget["rader"]) == len(snapshot.lines)
    assert budget["resultat"] == snapshot.result()
    assert budget["resultat"] == budget["summa_intakter"] - budget["summa_kostnader"]
    assert client.get(BASE + "budget/2027/").status_code == 404
    contributions = client.get(BASE + "medlemsbidrag/2024/").json()
    assert [m["medlem"] for m in contributions["medlemmar"]] == [r.member.name for r in year.rows]


def test_the_annual_report_downloads_and_is_logged_as_an_export(world, tokens):
    response = bearer(tokens["styrelse"][0]).get(
        BASE + "rapporter/arsredovisning/2024/arsredovisning.docx"
    )
    assert response.status_code == 200
    assert response.content[:2] == b"PK"  # a zip: the DOCX
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    with scopes_disabled():
        export = AuditEvent.objects.filter(action=audit.EXPORT_DOWNLOADED).latest("pk")
    assert export.forbund_id == world.a.pk
    assert export.changes["typ"] == "arsredovisning" and export.changes["via"] == "api"


def test_an_insats_is_registered_with_the_insats_files_rules(world, tokens):
    client = bearer(tokens["kansli"][1])
    body = {
        "kod": "NY1",
        "namn": "Ny insats",
        "typ": "strukturinriktad",
        "startdatum": "2025-01-01",
    }
    created = client.post(BASE + "insatser/", body, format="json")
    assert created.status_code == 201 and created.json()["typ"] == "strukturinriktad"
    renamed = client.post(BASE + "insatser/", {**body, "namn": "Nytt namn"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["namn"] == "Nytt namn"
    bad = client.post(BASE + "insatser/", {**body, "slutdatum": "2024-01-01"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["kolumn"] == "slutdatum"
    assert (
        bearer(tokens["ekonom"][1]).post(BASE + "insatser/", body, format="json").status_code == 403
    )


def test_malformed_and_oversized_requests_are_refused_in_swedish(world, tokens, monkeypatch):
    client = bearer(tokens["kansli"][1])
    broken = client.generic(
        "POST", BASE + "deltaganden/", "{inte json", content_type="application/json"
    )
    assert (
        broken.status_code == 400 and broken.json()["detail"] == "Innehållet är inte giltig JSON."
    )
    monkeypatch.setattr("api.serializers.MAX_BATCH_ROWS", 2)
    row = {"deltagar_id": "S-1", "insats": "A1", "kon": "man", "startdatum": "2024-01-01"}
    many = client.post(BASE + "deltaganden/batch/", {"rader": [row] * 3}, format="json")
    assert many.status_code == 400
    assert many.json()["errors"][0]["orsak"] == "Högst 2 rader per anrop; dela upp dem."


def test_a_server_error_does_not_leave_the_forbunds_scope_active(world, tokens, monkeypatch):
    from django_scopes import get_scope

    from api import views

    def broken(*args, **kwargs):
        raise RuntimeError("fel i tjänsten")

    monkeypatch.setattr(views, "year_statistics", broken)
    client = bearer(tokens["kansli"][0])
    client.raise_request_exception = False
    assert client.get(BASE + "statistik/2024/").status_code == 500
    assert get_scope().get("forbund") is None


def test_reads_of_participant_rows_are_in_the_access_log(world, tokens):
    from participants.models import ParticipantAccess

    client = bearer(tokens["kansli"][0])
    client.get(BASE + "deltaganden/", {"per_sida": 1})
    participation = world.extra["participation_a1"]
    client.get(BASE + f"deltaganden/{participation.pk}/")
    with scopes_disabled():
        reads = list(ParticipantAccess.objects.filter(forbund=world.a).order_by("id"))
    assert [(r.kind, r.rows, r.user) for r in reads] == [
        ("api", 1, world.users["kansli"]),
        ("api", None, world.users["kansli"]),
    ]
    assert reads[1].participant == participation.participant


def test_reading_through_the_api_keeps_every_forbunds_kept_figures(world, tokens):
    """A token's use is recorded (last used, the audit log) on every request; that is no change
    of figures, or an API client polling once a second would make every förbund's pages compute
    their figures again (core/figure_cache.py)."""
    before = figure_cache.generation()  # outside any scope: moved by every write of data
    for _ in range(2):
        assert bearer(tokens["kansli"][0]).get(BASE + "statistik/2024/").status_code == 200
    with scopes_disabled():
        assert ApiToken.objects.filter(last_used_at__isnull=False).exists()
    assert figure_cache.generation() == before
