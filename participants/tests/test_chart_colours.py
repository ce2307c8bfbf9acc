"""One colour per category in every chart (issue 11): "Ej registrerad" was olive in the end
reasons chart and pink in the follow-up chart, because colours went by series position."""

from __future__ import annotations

import re

from core.charts import CATEGORY_COLOURS, GREY, PALETTE, BarChart, Series
from participants.choices import END_REASON_GROUPS, FOLLOW_UP_LABELS, GENDER_LABELS
from participants.views import charts


def _fills(svg: bytes) -> set[str]:
    return {colour.upper() for colour in re.findall(r"fill: (#[0-9a-fA-F]{6})", svg.decode())}


def _documents():
    def reasons(counts: dict[str, int]) -> dict[str, dict[str, int]]:
        keys = [key for group in END_REASON_GROUPS for key in group.members]
        return {key: {"totalt": counts.get(key, 0)} for key in keys}

    section = {
        "namn": "FINSAM-team",
        "avslutade": {"totalt": 10},
        "avslutsorsaker": reasons({"arbete": 4, "sjukdom": 2, "ej_registrerad": 4}),
    }
    document = {"insatser": {"F": section}, "totalt": section}
    answers = {"ja": {"totalt": 3}, "nej": {"totalt": 2}, "ej_nadd": {"totalt": 1}}
    answers["ej_registrerad"] = {"totalt": 4}
    follow_up = {"insatser": {"F": {"namn": "FINSAM-team", "svar": answers}}, "totalt": answers}
    return document, follow_up


def test_every_category_the_charts_draw_has_its_own_colour():
    labels = [
        *GENDER_LABELS.values(),
        *(group.label for group in END_REASON_GROUPS),
        *FOLLOW_UP_LABELS.values(),
    ]
    for label in labels:
        assert CATEGORY_COLOURS.get(str(label)) in PALETTE, label


def test_ej_registrerad_has_the_same_colour_in_the_reasons_and_the_follow_up_chart():
    document, follow_up = _documents()
    reasons = charts.reasons_per_insats(document, "Avslutsorsaker")
    answers = charts.follow_up_per_insats(follow_up, "Egen försörjning")
    names = [[s.name for s in chart.series] for chart in (reasons, answers)]
    # Fifth series in one chart and fourth in the other: position no longer decides.
    assert names[0].index("Ej registrerad") == 4 and names[1].index("Ej registrerad") == 3
    colours = [
        dict(zip(n, c.colours(), strict=True))
        for n, c in zip(names, (reasons, answers), strict=True)
    ]
    assert colours[0]["Ej registrerad"] == colours[1]["Ej registrerad"] == GREY
    # ... and the drawings use it, on the web (SVG) as in the reports (the same BarChart).
    assert GREY in _fills(reasons.to_svg(16, 6)) and GREY in _fills(answers.to_svg(16, 6))
    # A good outcome is green in both.
    assert colours[0]["Arbete, studier, arbetssökande"] == colours[1]["Egen försörjning"]


def test_series_without_a_category_colour_take_the_colours_left_over():
    chart = BarChart(
        "Blandat",
        ["A"],
        [Series("Ej registrerad", [1]), Series("Något annat", [2]), Series("Kvinnor", [3])],
    )
    colours = chart.colours()
    assert colours[0] == GREY and colours[2] == CATEGORY_COLOURS["Kvinnor"]
    assert colours[1] not in (colours[0], colours[2]) and len(set(colours)) == 3
    # Two categories that share a colour in different charts never share one in a chart.
    clash = BarChart(
        "Krock", ["A"], [Series("Kvinnor", [1]), Series("Fortsatt rehabilitering", [2])]
    )
    assert len(set(clash.colours())) == 2


def test_web_charts_are_labelled_svg_with_the_numbers():
    document, _follow_up = _documents()
    chart = charts.reasons_per_insats(document, "Avslutsorsaker 2025")
    svg = chart.to_svg(9, 6).decode()
    assert svg.count("<svg") == 1 and "<script" not in svg
    assert re.search(r'<svg role="img" aria-labelledby="t d"', svg)
    assert '<title id="t">Avslutsorsaker 2025</title>' in svg
    assert "FINSAM-team: Arbete, studier, arbetssökande 40" in svg  # <desc> states the numbers
    assert "Verdana" in svg  # text stays text, with fallbacks for the DejaVu-less
    assert chart.to_svg(9, 6).decode() == svg  # the same drawing every time
    rendered = charts.render(chart)
    assert rendered.src != rendered.src_narrow and rendered.src.startswith("data:image/svg+xml")
    assert rendered.headers[0] == "Insats" and rendered.rows[0][0] == "FINSAM-team"


def test_drawn_charts_are_shared_through_the_cache():
    from django.core.cache import cache

    document, _follow_up = _documents()
    chart = charts.reasons_per_insats(document, "Delas mellan processer")
    cache.clear()
    first = charts.render(chart)
    charts._render.cache_clear()  # as in another server process: only the cache remains
    assert charts.render(chart) == first
    assert charts._render.cache_info().misses == 0
