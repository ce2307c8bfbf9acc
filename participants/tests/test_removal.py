"""Erasure, retention and frozen statistics (docs/gallring.md; issue 13, items 2-4).

The done-when test: for a random multi-year history in several förbund, erasure removes
exactly one person (every other row identical), retention as of a far-future day removes every
ended participant, and every past year's figures (the participant_stats document, follow-up,
period and national counts, survey results with every filter) are unchanged to the figure.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from core.audit_chain import verify
from core.models import AuditEvent
from organisations.models import Forbund
from participants import services
from participants.choices import (
    ActivityKind,
    Education,
    EndReason,
    FollowUp12,
    Gender,
    InterventionKind,
)
from participants.models import (
    Activity,
    FrozenStatistics,
    Insats,
    Participant,
    Participation,
    RetentionRule,
    RetentionRun,
)
from participants.services.erasure import (
    NothingHeld,
    erase_participant,
    reference,
    remove_pending_uploads,
)
from participants.services.national_export import persons_per_insats
from participants.services.retention import apply_retention, due, run_retention_for_all
from participants.services.statistics import (
    follow_up_statistics,
    period_statistics,
    year_statistics,
    years_with_participations,
)
from surveys.models import Response
from surveys.services import import_survey_responses
from surveys.services.results import survey_results

TODAY = timezone.localdate()
FIRST = TODAY.year - 8
FAR_FUTURE = date(2100, 1, 1)


# --- A random history ------------------------------------------------------------------------


def _random_day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def build_history(world, seed: int) -> dict[str, list[str]]:
    """Participants over the last eight years in förbund A, B and a third one, some through the
    services (so the audit log has their events), some ongoing; survey answers each year."""
    rng = random.Random(seed)
    with scopes_disabled():
        c = Forbund.objects.create(slug="gamma", name="Samordningsförbundet Gamma")
        c1 = Insats.objects.create(
            forbund=c, code="C1", name="Gammas insats", kind=InterventionKind.INDIVIDUAL
        )
        insatser = {
            world.a: [world.insats_a1, world.insats_a2],
            world.b: [world.insats_b1],
            c: [c1],
        }
        codes: dict[str, list[str]] = {}
        for forbund, available in insatser.items():
            codes[forbund.slug] = []
            for n in range(rng.randrange(25, 40)):
                code = f"{forbund.slug[0].upper()}-{seed}-{n:03d}"
                codes[forbund.slug].append(code)
                start = _random_day(rng, rng.randrange(FIRST, TODAY.year))
                for number in range(rng.randrange(1, 4)):
                    insats = rng.choice(available)
                    ended = rng.random() < 0.85 or number < 1
                    end = start + timedelta(days=rng.randrange(30, 700)) if ended else None
                    if end is not None and end >= TODAY:
                        end = None
                    row = Participation(
                        insats=insats,
                        start_date=start,
                        end_date=end,
                        end_reason=rng.choice(EndReason.values) if end else "",
                        gender=rng.choice(Gender.values),
                        birth_year=rng.choice([None, *range(1960, 2004)]),
                        education=rng.choice(["", *Education.values]),
                        follow_up_12m=rng.choice(["", *FollowUp12.values]) if end else "",
                    )
                    existing = Participant.objects.filter(forbund=forbund, code=code).first()
                    if rng.random() < 0.3 or (existing is None and n % 4 == 0):
                        with scope(forbund=forbund):
                            row = services.register_participation(
                                forbund, world.users["kansli"], code, row
                            )
                    else:
                        participant = existing or Participant.objects.create(
                            forbund=forbund, code=code
                        )
                        row.forbund, row.participant = forbund, participant
                        row.save()
                    for _ in range(rng.randrange(0, 3)):
                        Activity.objects.create(
                            forbund=forbund,
                            participation=row,
                            kind=rng.choice(ActivityKind.values),
                            start_date=start,
                        )
                    if end is None:
                        break
                    start = end + timedelta(days=rng.randrange(1, 400))
                    if start >= TODAY:
                        break
        for forbund in (world.a, c):
            lines = ["svar_id;enkat;insats;datum;kon;A1;B1"]
            for n in range(rng.randrange(30, 60)):
                insats = rng.choice(insatser[forbund])
                day = _random_day(rng, rng.randrange(FIRST, TODAY.year))
                lines.append(
                    f"{seed}-{n};NNS-DA;{insats.code};{day.isoformat()};"
                    f"{rng.choice(['k', 'm', ''])};{rng.randrange(1, 7)};{rng.randrange(1, 7)}"
                )
            result = import_survey_responses(forbund, "\n".join(lines).encode(), "svar.csv")
            assert result.ok, result.errors
    return codes


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def figures(forbund) -> dict:
    """Every figure of every past year that the statistics services give."""
    result: dict = {}
    with scopes_disabled():
        insats_ids = list(Insats.objects.filter(forbund=forbund).values_list("pk", flat=True))
    for year in range(FIRST - 1, TODAY.year):
        result[year] = {
            "participant_stats": year_statistics(forbund, year),
            "follow_up": follow_up_statistics(forbund, year),
            "national": dict(sorted(persons_per_insats(forbund, year).items())),
            "periods": [
                period_statistics(forbund, date(year, 1, 1), _month_end(year, month))
                for month in range(1, 13)
            ],
            "surveys": [
                survey_results(forbund, year, "NNS-DA", **filters)
                for filters in (
                    {},
                    {"publication": True},
                    {"gender": "kvinna"},
                    {"insatser": insats_ids[:1]},
                    {"insats": "A2"},
                )
            ],
        }
    return result


def rows_of_all_forbund() -> dict[str, set]:
    with scopes_disabled():
        return {
            "participants": set(Participant.objects.values_list("pk", "forbund_id", "code")),
            "participations": {
                tuple(row.values()) for row in Participation.objects.values().order_by("pk")
            },
            "activities": {tuple(row.values()) for row in Activity.objects.values()},
        }


# --- The done-when test ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [13, 2026])
def test_erasure_removes_exactly_one_person_and_retention_keeps_every_figure(world, seed):
    codes = build_history(world, seed)
    forbund_list = list(Forbund.objects.filter(slug__in=codes).order_by("slug"))
    assert len(forbund_list) == 3
    before_figures = {f.slug: figures(f) for f in forbund_list}
    assert any(
        before_figures["alfa"][y]["participant_stats"]["unika_deltagare"]["totalt"]
        for y in before_figures["alfa"]
    )
    events_before = AuditEvent._base_manager.count()

    # Erasure: one person of förbund A, everything else identical.
    rng = random.Random(seed)
    code = rng.choice(codes["alfa"])
    before = rows_of_all_forbund()
    with scopes_disabled():
        person = Participant.objects.get(forbund=world.a, code=code)
        own_participations = {
            tuple(row.values()) for row in Participation.objects.filter(participant=person).values()
        }
        own_activities = {
            tuple(row.values())
            for row in Activity.objects.filter(participation__participant=person).values()
        }
    assert own_participations
    removed = erase_participant(world.a, code, "Begäran om radering, dnr 2026/12", None)
    after = rows_of_all_forbund()
    # As a new request or command would: fresh förbund objects (frozen_statistics._MEMO).
    forbund_list = list(Forbund.objects.filter(slug__in=codes).order_by("slug"))
    assert after["participants"] == before["participants"] - {(person.pk, world.a.pk, code)}
    assert after["participations"] == before["participations"] - own_participations
    assert after["activities"] == before["activities"] - own_activities
    assert removed.participations == len(own_participations)
    assert removed.activities == len(own_activities)
    for forbund in forbund_list:
        assert figures(forbund) == before_figures[forbund.slug], forbund.slug
        # In the same order too (what pages, reports and participant_stats print).
        assert json.dumps(figures(forbund)) == json.dumps(before_figures[forbund.slug])

    # The log: one event with the reason and a reference, no code anywhere; the chain holds.
    event = AuditEvent._base_manager.filter(action="participant.erased").get()
    assert event.changes["skäl"] == "Begäran om radering, dnr 2026/12"
    assert event.changes["referens"] == reference(world.a, code)
    assert event.changes["borttaget"]["participants.Participant"] == 1
    log_text = json.dumps(
        list(AuditEvent._base_manager.values("object_repr", "changes")), ensure_ascii=False
    )
    assert code not in log_text
    assert AuditEvent._base_manager.count() == events_before + 1
    assert verify(
        AuditEvent._base_manager.order_by("id").values(
            "id",
            "prev_hash",
            "row_hash",
            "at",
            "forbund_id",
            "actor_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
        )
    ).ok
    with pytest.raises(NothingHeld):
        erase_participant(world.a, code, "igen", None)

    # Retention as of a far-future day: every ended participant goes, no figure changes.
    for forbund in forbund_list:
        apply_retention(forbund, FAR_FUTURE, via="kommandorad")
    with scopes_disabled():
        left = Participant.objects.filter(forbund__in=forbund_list)
        assert all(p.participations.filter(end_date__isnull=True).exists() for p in left)
        ongoing = {
            row.participant_id
            for row in Participation.objects.filter(forbund__in=forbund_list, end_date__isnull=True)
        }
        assert set(left.values_list("pk", flat=True)) == ongoing
        assert (
            Participation.objects.filter(forbund__in=forbund_list, end_date__isnull=False)
            .exclude(participant_id__in=ongoing)
            .count()
            == 0
        )
        assert RetentionRun.objects.filter(forbund__in=forbund_list).count() == 3
    for forbund in forbund_list:
        assert figures(forbund) == before_figures[forbund.slug], forbund.slug
        assert json.dumps(figures(forbund)) == json.dumps(before_figures[forbund.slug])
        # The rows themselves now say otherwise: the figures come from the frozen years.
        assert any(
            year_statistics(forbund, year, live=True)
            != before_figures[forbund.slug][year]["participant_stats"]
            for year in range(FIRST, TODAY.year)
        )
        years = years_with_participations(forbund)
        assert set(range(FIRST, TODAY.year)) <= set(years)


# --- Frozen statistics -----------------------------------------------------------------------


def _ended_participation(world, code: str, start: date, end: date, insats=None) -> Participation:
    with scopes_disabled():
        participant, _ = Participant.objects.get_or_create(forbund=world.a, code=code)
        return Participation.objects.create(
            forbund=world.a,
            participant=participant,
            insats=insats or world.insats_a1,
            start_date=start,
            end_date=end,
            end_reason=EndReason.ARBETE if end else "",
            gender=Gender.MAN,
        )


def test_a_frozen_year_is_kept_when_a_later_removal_touches_it(world):
    y = TODAY.year - 3
    _ended_participation(world, "P-1", date(y, 2, 1), date(y, 6, 30))
    _ended_participation(world, "P-2", date(y, 3, 1), date(y + 1, 5, 31))
    frozen_first = year_statistics(world.a, y)
    assert frozen_first["unika_deltagare"]["man"] == 2
    removed = erase_participant(world.a, "P-1", "begäran", None)
    assert removed.frozen_years == [y, y + 1]  # y + 1: the follow-up of what ended in y
    # A participation registered later for a frozen year is not counted there: the stored
    # figures are what the year said when it was frozen.
    _ended_participation(world, "P-3", date(y, 4, 1), date(y, 4, 30))
    assert year_statistics(world.a, y) == frozen_first
    assert year_statistics(world.a, y, live=True)["unika_deltagare"]["man"] == 2
    removed = erase_participant(world.a, "P-2", "begäran", None)
    assert removed.frozen_years == [y + 2]
    assert year_statistics(world.a, y) == frozen_first
    with scopes_disabled():
        assert FrozenStatistics.objects.filter(forbund=world.a, year=y).count() == 1
        assert FrozenStatistics.objects.get(forbund=world.a, year=y).cause == "radering"


def test_the_current_year_is_not_frozen_and_counts_without_the_erased_person(world):
    _ended_participation(world, "P-1", date(TODAY.year, 1, 1), None)
    assert year_statistics(world.a, TODAY.year)["unika_deltagare"]["totalt"] >= 1
    before = year_statistics(world.a, TODAY.year)["unika_deltagare"]["totalt"]
    removed = erase_participant(world.a, "P-1", "begäran", None)
    assert TODAY.year not in removed.frozen_years
    assert year_statistics(world.a, TODAY.year)["unika_deltagare"]["totalt"] == before - 1


def test_participant_stats_command_prints_the_frozen_year(world):
    y = TODAY.year - 2
    _ended_participation(world, "P-1", date(y, 2, 1), date(y, 6, 30))
    out = io.StringIO()
    call_command("participant_stats", forbund="alfa", year=y, stdout=out)
    printed = out.getvalue()
    before = json.loads(printed)
    erase_participant(world.a, "P-1", "begäran", None)
    out = io.StringIO()
    call_command("participant_stats", forbund="alfa", year=y, stdout=out)
    assert out.getvalue() == printed  # the same text, key for key in the same order
    assert before["totalt"]["deltagare"]["man"] == 1


# --- Erasure ----------------------------------------------------------------------------------


def test_erasure_is_all_or_nothing(world, monkeypatch):
    y = TODAY.year - 2
    _ended_participation(world, "P-1", date(y, 2, 1), date(y, 6, 30))

    def fail(*args, **kwargs):
        raise RuntimeError("the log is down")

    monkeypatch.setattr("participants.services.erasure.audit.log", fail)
    with pytest.raises(RuntimeError):
        erase_participant(world.a, "P-1", "begäran", None)
    with scopes_disabled():
        assert Participant.objects.filter(forbund=world.a, code="P-1").exists()
        assert not FrozenStatistics.objects.filter(forbund=world.a).exists()


def test_erasure_deletes_waiting_uploads_that_hold_the_code(world, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "deltagare-csv").write_text("deltagar_id;insats\nP-777;A1\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "deltagare-xlsx", "w") as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst><si><t>P-777</t></si></sst>")
    (folder / "deltagare-other").write_text("deltagar_id;insats\nP-778;A1\n", encoding="utf-8")
    assert remove_pending_uploads(["P-777"]) == 2
    assert sorted(p.name for p in folder.iterdir()) == ["deltagare-other"]


def test_erase_participant_command(world):
    _ended_participation(world, "P-1", date(TODAY.year - 2, 2, 1), date(TODAY.year - 2, 6, 30))
    out = io.StringIO()
    call_command("erase_participant", forbund="alfa", deltagare="P-1", skal="Begäran", stdout=out)
    assert "Deltagaren är raderad. Borttaget: deltaganden 1, aktiviteter 0." in out.getvalue()
    with scopes_disabled():
        assert not Participant.objects.filter(forbund=world.a, code="P-1").exists()
    with pytest.raises(CommandError, match="ingen deltagare med id:t ”P-1”"):
        call_command("erase_participant", forbund="alfa", deltagare="P-1", skal="Begäran")
    with pytest.raises(CommandError, match="inget förbund"):
        call_command("erase_participant", forbund="finns-inte", deltagare="P-1", skal="x")


def test_the_erase_page_asks_for_the_code_twice_and_a_reason(world, clients):
    _ended_participation(world, "P-1", date(TODAY.year - 2, 2, 1), date(TODAY.year - 2, 6, 30))
    url = "/f/alfa/deltagare/radera/"
    kansli = clients["kansli"]
    assert kansli.get(url).status_code == 200
    page = kansli.post(url, {"steg": "sok", "code": "P-1"})
    assert "Skriv deltagar-id igen" in page.content.decode()
    wrong = kansli.post(
        url, {"steg": "radera", "code": "P-1", "confirm_code": "P-2", "reason": "x"}
    )
    assert "stämmer inte" in wrong.content.decode()
    with scopes_disabled():
        assert Participant.objects.filter(forbund=world.a, code="P-1").exists()
    done = kansli.post(
        url, {"steg": "radera", "code": "P-1", "confirm_code": "P-1", "reason": "Begäran"}
    )
    assert done.status_code == 302
    with scopes_disabled():
        assert not Participant.objects.filter(forbund=world.a, code="P-1").exists()
    assert clients["insatsansvarig"].get(url).status_code == 403
    missing = kansli.post(url, {"steg": "sok", "code": "P-1"})
    assert "Förbundet har ingen deltagare med det id:t." in missing.content.decode()


# --- Retention --------------------------------------------------------------------------------


def test_retention_keeps_the_ongoing_and_the_recent(world):
    as_of = date(TODAY.year, 6, 15)
    old = _ended_participation(world, "OLD", date(2015, 1, 1), date(as_of.year - 5, 6, 15))
    recent = _ended_participation(world, "RECENT", date(2015, 1, 1), date(as_of.year - 5, 6, 16))
    ongoing = _ended_participation(world, "ONGOING", date(2015, 1, 1), None)
    _ended_participation(world, "ONGOING", date(2014, 1, 1), date(2014, 12, 31), world.insats_a2)
    codes = [code for _pk, code in due(world.a, as_of)]
    assert "OLD" in codes and "RECENT" not in codes and "ONGOING" not in codes
    outcome = apply_retention(world.a, as_of, via="kommandorad")
    assert outcome.run is not None and "OLD" in outcome.codes
    with scopes_disabled():
        assert not Participation.objects.filter(pk=old.pk).exists()
        assert Participation.objects.filter(pk__in=[recent.pk, ongoing.pk]).count() == 2
        run = RetentionRun.objects.get(forbund=world.a)
    assert run.participants == len(outcome.codes) and run.via == "kommandorad"
    assert run.years == 5 and run.as_of == as_of
    event = AuditEvent._base_manager.get(action="retention.applied")
    assert "OLD" not in json.dumps(event.changes)


def test_apply_retention_command_dry_run_lists_codes_and_changes_nothing(world):
    _ended_participation(world, "OLD", date(2015, 1, 1), date(2016, 6, 15))
    out = io.StringIO()
    call_command("apply_retention", forbund="alfa", per="2030-01-01", dry_run=True, stdout=out)
    text = out.getvalue()
    assert "Provkörning per 2030-01-01" in text and "OLD" in text.splitlines()
    with scopes_disabled():
        assert Participant.objects.filter(forbund=world.a, code="OLD").exists()
        assert not RetentionRun.objects.exists()
    out = io.StringIO()
    call_command("apply_retention", forbund="alfa", per="2030-01-01", stdout=out)
    assert "deltagare togs bort" in out.getvalue() and "OLD" not in out.getvalue()
    with scopes_disabled():
        assert not Participant.objects.filter(forbund=world.a, code="OLD").exists()
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("apply_retention", forbund="alfa", per="1 januari")


def test_the_rule_is_per_forbund_and_the_scheduled_job_runs_every_forbund(world):
    _ended_participation(world, "OLD", date(2015, 1, 1), date(2020, 6, 15))
    with scopes_disabled():
        RetentionRule.objects.create(forbund=world.a, years=30)
    runs = run_retention_for_all(date(2030, 1, 1))
    assert {run.forbund_id for run in runs} >= {world.a.pk, world.b.pk}
    assert all(run.via == "schema" for run in runs)
    with scopes_disabled():
        assert Participant.objects.filter(forbund=world.a, code="OLD").exists()


def test_the_retention_page_sets_the_rule_and_shows_the_runs(world, clients):
    url = "/f/alfa/deltagare/gallring/"
    kansli = clients["kansli"]
    page = kansli.get(url).content.decode()
    assert "5 år efter" in page and "Ingen gallring har körts än." in page
    assert kansli.post(url, {"steg": "regel", "years": "0"}).status_code == 200
    assert kansli.post(url, {"steg": "regel", "years": "7"}).status_code == 302
    with scopes_disabled():
        assert RetentionRule.objects.get(forbund=world.a).years == 7
    assert AuditEvent._base_manager.filter(action="retention.rule_saved").exists()
    assert kansli.post(url, {"steg": "gallra"}).status_code == 302
    page = kansli.get(url).content.decode()
    assert "7 år efter" in page and "Ingen gallring har körts än." not in page
    assert clients["styrelse"].get(url).status_code == 403


def test_the_retention_page_groups_large_counts(world, clients):
    # A large förbund's first run removes thousands of rows: "1 295", not "1295".
    with scopes_disabled():
        RetentionRun.objects.create(
            forbund=world.a,
            as_of=date(2026, 1, 1),
            years=5,
            via="schema",
            participants=1295,
            participations=2041,
            activities=12345,
        )
    page = clients["kansli"].get("/f/alfa/deltagare/gallring/").content.decode()
    for grouped in ("1\u00a0295", "2\u00a0041", "12\u00a0345"):
        assert f'<td class="num">{grouped}</td>' in page


def test_frozen_survey_results_stay_when_the_answers_go(world):
    """Survey answers are anonymous and stay when participants go; should answers ever be
    removed with a participant (a consented link), the frozen counts keep every figure."""
    y = TODAY.year - 1
    lines = ["svar_id;enkat;insats;datum;kon;A1;B1"] + [
        f"s{n};NNS-DA;{('A1', 'A2')[n % 2]};{y}-05-0{1 + n % 5};{'km'[n % 3 % 2]};{1 + n % 6};3"
        for n in range(23)
    ]
    assert import_survey_responses(world.a, "\n".join(lines).encode(), "svar.csv").ok
    variants = (
        {},
        {"publication": True},
        {"gender": "man"},
        {"insats": "A1"},
        {"insatser": [world.insats_a2.pk]},
    )
    before = [survey_results(world.a, y, "NNS-DA", **v) for v in variants]
    assert before[0]["svar"]["totalt"] == 23
    _ended_participation(world, "P-1", date(y, 2, 1), date(y, 6, 30))
    erase_participant(world.a, "P-1", "begäran", None)
    with scopes_disabled():
        Response.objects.filter(forbund=world.a, year=y).delete()
    assert [survey_results(world.a, y, "NNS-DA", **v) for v in variants] == before
