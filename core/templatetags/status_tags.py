"""`{% status_tag status %}`: a core.status.Status as a tag with icon and text."""

from django import template

register = template.Library()


@register.inclusion_tag("core/_status.html")
def status_tag(status):
    return {"status": status}
