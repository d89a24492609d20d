"""The rows of a list of open follow-ups (the home page's, the "my follow-ups" page), written in Python: the same
markup the row template wrote, each with its "done" button, without a template render per row. Every value is escaped
as the template escapes it (``html_ertek``)."""

from django import template
from django.utils.safestring import mark_safe

from core.templatetags.kapocs import datum, id_url_html, id_url_minta
from core.templatetags.kapocs import html_ertek as _e

register = template.Library()


@register.simple_tag(takes_context=True)
def feladat_sorok(context, feladatok, vissza, ures):
    """One ``<li>`` per follow-up: its text, deadline, participant and household (linked), and a form that marks it
    done and returns to ``vissza``; ``ures`` when there are none. As ``{% csrf_token %}``, each form carries the
    request's token."""
    ugyfel, haztartas, kesz = (
        id_url_minta(f"ugyfelek:{nev}") for nev in ("ugyfel_reszlet", "haztartas_reszlet", "feladat_kesz")
    )
    token = context.get("csrf_token")
    csrf = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(token)}">'
        if token and token != "NOTPROVIDED"
        else ""
    )
    vissza = _e(vissza)
    sorok = []
    for f in feladatok:
        leiras = _e(f.leiras)
        hova = ""
        if f.ugyfel:
            hova += f' · <a href="{id_url_html(ugyfel, f.ugyfel_id)}">{_e(f.ugyfel.nev)}</a>'
        if f.haztartas:
            hova += f' · <a href="{id_url_html(haztartas, f.haztartas_id)}">{_e(f.haztartas)}</a>'
        sorok.append(
            '<li class="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2" '
            f'data-feladat="{int(f.pk)}"><span><span class="fw-semibold">{leiras}</span><br>'
            f'<span class="small">határidő: {_e(datum(f.hatarido))}{hova}</span></span>'
            f'<form method="post" action="{id_url_html(kesz, f.pk)}">{csrf}'
            f'<input type="hidden" name="next" value="{vissza}">'
            f'<button type="submit" class="btn btn-outline-success">Kész<span class="visually-hidden">: {leiras}</span>'
            "</button></form></li>\n"
        )
    if not sorok:
        sorok.append(f'<li class="list-group-item">{_e(ures)}</li>')
    return mark_safe("".join(sorok))
