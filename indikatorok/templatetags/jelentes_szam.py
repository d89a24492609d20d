"""The figure cell of the report: a number, linked to the records behind it when the user may list them."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def szam(n, url=None, cimke=""):
    """``n`` with thousands grouped; a link to its drill-down list (named for screen readers) when ``url`` is set.

    A tag rather than an included template: the report has some three hundred
    figure cells, and an include per cell cost more than the rest of the page's
    rendering.
    """
    if url:
        return format_html('<a href="{}" aria-label="{}: {} – a rekordok listája">{}</a>', url, cimke, n, intcomma(n))
    return intcomma(n)
