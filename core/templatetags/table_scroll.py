"""{% tablescroll %} … {% endtablescroll %}: a wide table scrolls sideways inside its own region
that a keyboard can reach (WCAG 2.1.1; axe "scrollable-region-focusable"), named for screen
readers by the table's caption or by the label given: {% tablescroll "Medlemmar" %}.

    {% load table_scroll %}
    {% tablescroll %}<table><caption>Bidrag per medlem</caption>…</table>{% endtablescroll %}

renders <div class="table-wrap table-scroll" role="region" tabindex="0" aria-label="Bidrag
per medlem">…</div>. The class table-wrap keeps the scroll shadows of the global CSS.
"""

from __future__ import annotations

import html
import re

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)
FALLBACK_LABEL = "Tabell"


def region_label(content: str, label: str = "") -> str:
    """The given label, else the first table caption's text, else "Tabell"."""
    if label:
        return " ".join(str(label).split())
    caption = _CAPTION.search(content)
    if caption:
        text = " ".join(html.unescape(strip_tags(caption.group(1))).split())
        if text:
            return text
    return FALLBACK_LABEL


class TableScrollNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: FilterExpression | None):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> str:
        content = self.nodelist.render(context)
        label = self.label.resolve(context) if self.label is not None else ""
        return format_html(
            '<div class="table-wrap table-scroll" role="region" tabindex="0" aria-label="{}">'
            "{}</div>",
            region_label(content, label or ""),
            mark_safe(content),  # noqa: S308 - already rendered (and escaped) by the template
        )


@register.tag("tablescroll")
def tablescroll(parser: Parser, token: Token) -> TableScrollNode:
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("{% tablescroll %} tar högst en etikett.")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endtablescroll",))
    parser.delete_first_token()
    return TableScrollNode(nodelist, label)
