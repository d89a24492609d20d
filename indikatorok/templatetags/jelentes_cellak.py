"""Cells of the report and of its drill-down lists, rendered without a template node per cell.

The report has some three hundred figure cells and a drill-down page some
two hundred and fifty; an included template or an if/elif chain per cell cost
more than the rest of the page's rendering.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join

from core.templatetags.kapocs import datum

register = template.Library()


@register.simple_tag
def szam(n, url=None, cimke=""):
    """``n`` with thousands grouped; a link to its drill-down list (named for screen readers) when ``url`` is set."""
    if url:
        return format_html('<a href="{}" aria-label="{}: {} – a rekordok listája">{}</a>', url, cimke, n, intcomma(n))
    return intcomma(n)


def _cella(ertek):
    """A value of a drill-down list as the page shows it: a date as 2026. 11. 22., nothing recorded as –."""
    if getattr(ertek, "year", None):
        return datum(ertek)
    return "–" if ertek is None else localize(ertek)


@register.filter
def lista_sor(ertekek, url):
    """The cells of a drill-down row; the first links to the record's page when it has one."""
    if not ertekek:
        return ""
    elso, *tobbi = ertekek
    cellak = format_html_join("", "<td>{}</td>", ((_cella(e),) for e in tobbi))
    if url:
        return format_html('<td><a href="{}">{}</a></td>{}', url, localize(elso) if elso else "–", cellak)
    return format_html("<td>{}</td>{}", _cella(elso), cellak)
