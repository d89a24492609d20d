"""The rows of the coordinator's team table, written in Python: the same markup a row template would write, without
the template's look-ups per cell (a team of 50 is 250 cells on every view of the coordinator's home). Every value is
escaped as the template escapes it (``html_ertek``)."""

from django import template
from django.utils.safestring import mark_safe

from core.templatetags.kapocs import html_ertek as _e

register = template.Library()


def _lejart(n: int) -> str:
    """An overdue count: red when there is any."""
    return f'<span class="text-danger fw-semibold">{int(n)}</span>' if n else "0"


@register.simple_tag
def csapat_sorok(tagok, latogatas_lista: str):
    """One ``<tr>`` per team member: their name, a link to their visits (``latogatas_lista``, the visit list's
    URL), their active participants, visits this month, overdue follow-ups and overdue plan reviews (set by
    ``ugyfelek.selectors.koordinator_attekintes``). Whole numbers, as ``{% localize off %}`` prints them."""
    lista = _e(latogatas_lista)
    return mark_safe(
        "".join(
            f'<tr><th scope="row"><a href="{lista}?mentor={int(m.pk)}">{_e(m)}</a></th>'
            f'<td class="text-end">{int(m.ugyfelek_szama)}</td><td class="text-end">{int(m.havi_latogatasok)}</td>'
            f'<td class="text-end">{_lejart(m.lejart_feladatok)}</td>'
            f'<td class="text-end">{_lejart(m.lejart_felulvizsgalatok)}</td></tr>\n'
            for m in tagok
        )
    )
