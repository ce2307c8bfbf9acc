"""{% tablescroll %}: every wide table scrolls inside a region a keyboard can reach."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load table_scroll %}" + source).render(Context(context))


def test_region_is_focusable_and_named_by_the_caption():
    html = render(
        "{% tablescroll %}<table><caption>Bidrag {{ year }} &amp; <b>{{ x }}</b></caption>"
        "</table>{% endtablescroll %}",
        year=2025,
        x="<i>",
    )
    assert html.startswith(
        '<div class="table-wrap table-scroll" role="region" tabindex="0" '
        'aria-label="Bidrag 2025 &amp; &lt;i&gt;">'
    )
    assert html.endswith("</table></div>")
    assert "<b>&lt;i&gt;</b>" in html  # the content is rendered once, escaped as usual


def test_a_given_label_wins_and_a_missing_one_falls_back():
    assert 'aria-label="Per år"' in render(
        "{% tablescroll label %}<table><caption>X</caption></table>{% endtablescroll %}",
        label="Per år",
    )
    assert 'aria-label="Tabell"' in render("{% tablescroll %}<table></table>{% endtablescroll %}")


def test_no_template_wraps_a_table_by_hand():
    """The old <div class="table-wrap"> could not be reached by keyboard (axe:
    scrollable-region-focusable); every wide table goes through the tag."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if '<div class="table-wrap">' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
