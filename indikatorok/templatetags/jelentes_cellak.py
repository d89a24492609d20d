"""Cells of the report and of its drill-down lists, rendered without a template node per cell.

The report has some three hundred figure cells and a drill-down page some
two hundred and fifty; an included template or an if/elif chain per cell cost
more than the rest of the page's rendering.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html

from core.templatetags.kapocs import datum

register = template.Library()


@register.simple_tag
def szam(n, url=None, cimke=""):
    """``n`` with thousands grouped; a link to its drill-down list (named for screen readers) when ``url`` is set."""
    if url:
        return format_html('<a href="{}" aria-label="{}: {} – a rekordok listája">{}</a>', url, cimke, n, intcomma(n))
    return intcomma(n)


@register.filter
def lista_cella(ertek):
    """A value of a drill-down list: a date as 2026. 11. 22., nothing recorded as –."""
    if getattr(ertek, "year", None):
        return datum(ertek)
    return "–" if ertek is None else ertek
