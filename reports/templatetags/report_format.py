from django import template

register = template.Library()


@register.filter
def zip_with(first, second):
    return list(zip(first, second, strict=False))
