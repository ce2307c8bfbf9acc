"""Writing the annual report (issue 9, item 11): starting from last year's texts."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from core.models import AuditEvent
from reports.models import Report, ReportText

YEAR = 2024


def url(name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"forbund": "alfa", **kwargs})


def _texts(forbund, year: int) -> dict[str, str]:
    with scopes_disabled():
        return dict(
            ReportText.objects.filter(
                report__forbund=forbund, report__kind="arsredovisning", report__year=year
            ).values_list("key", "text")
        )


def _write(forbund, year: int, texts: dict[str, str]) -> None:
    with scopes_disabled():
        report, _ = Report.objects.get_or_create(forbund=forbund, kind="arsredovisning", year=year)
        for key, text in texts.items():
            ReportText.objects.create(forbund=forbund, report=report, key=key, text=text)


def _copy(client, **extra):
    texts_url = url("annual_texts", year=YEAR)
    state = client.get(texts_url).context["copy_form"]["state"].initial
    return client.post(texts_url, {"copy_previous": "1", "kopiera-state": state, **extra})


def test_last_years_texts_fill_only_the_empty_sections(world, clients):
    _write(world.a, YEAR - 1, {"ordforande": "Förra årets ord.", "handelser": "Förra årets."})
    _write(world.a, YEAR, {"handelser": "Årets egna händelser."})
    office = clients["kansli"]
    page = office.get(url("annual_texts", year=YEAR)).content.decode()
    assert f"Hämta texterna från {YEAR - 1}" in page
    response = _copy(office)
    assert response.status_code == 302
    assert _texts(world.a, YEAR) == {
        "ordforande": "Förra årets ord.",
        "handelser": "Årets egna händelser.",  # not overwritten without confirmation
    }
    shown = office.get(response["Location"]).content.decode()
    assert "redan en text i år och är oförändrade: Händelser av väsentlig betydelse" in shown
    with scopes_disabled():
        event = AuditEvent.objects.get(action="report.texts_copied", forbund=world.a)
    assert event.changes["avsnitt"] == ["ordforande"]
    assert event.changes["överskrivna"] == []


def test_overwriting_needs_the_confirmation_and_is_logged(world, clients):
    _write(world.a, YEAR - 1, {"handelser": "Förra årets."})
    _write(world.a, YEAR, {"handelser": "Årets egna händelser."})
    assert _copy(clients["kansli"], **{"kopiera-overwrite": "on"}).status_code == 302
    assert _texts(world.a, YEAR) == {"handelser": "Förra årets."}
    with scopes_disabled():
        event = AuditEvent.objects.get(action="report.texts_copied", forbund=world.a)
    assert event.changes["överskrivna"] == ["handelser"]


def test_a_stale_page_copies_nothing_and_the_board_cannot_copy(world, clients):
    _write(world.a, YEAR - 1, {"ordforande": "Förra årets ord."})
    office = clients["kansli"]
    texts_url = url("annual_texts", year=YEAR)
    state = office.get(texts_url).context["copy_form"]["state"].initial
    _write(world.a, YEAR, {"handelser": "Någon annan sparade."})
    response = office.post(texts_url, {"copy_previous": "1", "kopiera-state": state})
    assert response.status_code == 200
    assert "Någon annan har ändrat" in response.content.decode()
    assert _texts(world.a, YEAR) == {"handelser": "Någon annan sparade."}
    board = clients["styrelse"].post(texts_url, {"copy_previous": "1", "kopiera-state": state})
    assert board.status_code == 403
