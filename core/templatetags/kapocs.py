from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with ``kwargs`` replaced (for pagination links that keep filters)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.filter
def datum(value):
    """Hungarian date: 2026. 11. 22."""
    if not value:
        return ""
    return f"{value:%Y. %m. %d.}"
