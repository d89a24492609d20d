"""``{% feladat_sorok %}`` writes the open follow-ups' rows as the row template did, each with its "done" button."""

import datetime

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import reverse

from core.testing import factories as f
from ugyfelek.models import KovetoFeladat

pytestmark = pytest.mark.django_db

# The row template the lists used before (ugyfelek/includes/feladat_sorok.html).
SABLON = Template(
    """{% load kapocs %}{% for f in feladatok %}
<li class="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2" data-feladat="{{ f.pk }}">
  <span>
    <span class="fw-semibold">{{ f.leiras }}</span><br>
    <span class="small">határidő: {{ f.hatarido|datum }}
      {% if f.ugyfel %} · <a href="{% id_url 'ugyfelek:ugyfel_reszlet' f.ugyfel_id %}">{{ f.ugyfel.nev }}</a>{% endif %}
      {% if f.haztartas %} · <a href="{% id_url 'ugyfelek:haztartas_reszlet' f.haztartas_id %}">{{ f.haztartas }}</a>{% endif %}
    </span>
  </span>
  <form method="post" action="{% id_url 'ugyfelek:feladat_kesz' f.pk %}">{% csrf_token %}
    <input type="hidden" name="next" value="{{ vissza }}">
    <button type="submit" class="btn btn-outline-success">Kész<span class="visually-hidden">: {{ f.leiras }}</span></button>
  </form>
</li>
{% empty %}<li class="list-group-item">{{ ures }}</li>
{% endfor %}"""  # noqa: E501
)
TAG = Template("{% load feladat_sorok %}{% feladat_sorok feladatok vissza ures %}")


def _ket_modon(feladatok, **tobbi):
    ctx = {"feladatok": feladatok, "vissza": "/?a=1&b=<2>", "ures": "Nincs <semmi>.", **tobbi}
    return TAG.render(Context(ctx)), SABLON.render(Context(ctx))


def test_the_rows_are_the_row_templates(vilag):
    ugyfel = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev='Kiss "<b>"', utonev="Éva & Co")
    haztartas = f.HaztartasFactory(projekt=vilag.projekt_a, nev="Rigó <család>")
    nap = datetime.date(2026, 12, 31)
    kinek = {"projekt": vilag.projekt_a, "felelos": vilag.mentor, "hatarido": nap}
    ids = [
        KovetoFeladat.objects.create(leiras="Hívja <fel> & kérdezze", ugyfel=ugyfel, **kinek).pk,
        KovetoFeladat.objects.create(leiras="Családi ügy", haztartas=haztartas, **kinek).pk,
        KovetoFeladat.objects.create(leiras="Mindkettő", ugyfel=ugyfel, haztartas=haztartas, **kinek).pk,
        KovetoFeladat.objects.create(leiras="Senkié", **kinek).pk,
    ]
    feladatok = list(KovetoFeladat.objects.filter(pk__in=ids).select_related("ugyfel", "haztartas").order_by("pk"))
    # The token as the template gets it (the csrf context processor), escaped in the form.
    kapott, sablon = _ket_modon(feladatok, csrf_token="tok<en>")
    assert parse_html(kapott) == parse_html(sablon)
    assert "2026. 12. 31." in kapott and "Kiss &quot;&lt;b&gt;&quot; Éva &amp; Co" in kapott
    assert "Rigó &lt;család&gt;" in kapott and "Hívja &lt;fel&gt; &amp; kérdezze" in kapott
    assert 'value="tok&lt;en&gt;"' in kapott and 'value="/?a=1&amp;b=&lt;2&gt;"' in kapott
    assert f'action="{reverse("ugyfelek:feladat_kesz", args=[ids[0]])}"' in kapott
    # Without a token (a page rendered without the request), no token field, as {% csrf_token %}.
    kapott, sablon = _ket_modon(feladatok)
    assert parse_html(kapott) == parse_html(sablon) and "csrfmiddlewaretoken" not in kapott


def test_an_empty_list_says_so(vilag):
    kapott, sablon = _ket_modon([])
    ures = parse_html('<li class="list-group-item">Nincs &lt;semmi&gt;.</li>')
    assert parse_html(kapott) == parse_html(sablon) == ures


def test_the_done_button_of_the_home_page_works_with_the_pages_token(vilag):
    """The home page's form posts with the token the page gave (a client that enforces the check)."""
    from django.test import Client

    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a, felelos=vilag.mentor, leiras="Lejárt", hatarido=datetime.date(2020, 1, 1)
    )
    c = Client(enforce_csrf_checks=True)
    c.force_login(vilag.mentor)
    html = c.get(reverse("kezdolap")).content.decode()
    feladat = KovetoFeladat.objects.get(leiras="Lejárt")
    urlap = html.split(f'action="{reverse("ugyfelek:feladat_kesz", args=[feladat.pk])}">', 1)[1].split("</form>")[0]
    token = urlap.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    valasz = c.post(reverse("ugyfelek:feladat_kesz", args=[feladat.pk]), {"csrfmiddlewaretoken": token, "next": "/"})
    assert valasz.status_code == 302
    feladat.refresh_from_db()
    assert feladat.kesz
