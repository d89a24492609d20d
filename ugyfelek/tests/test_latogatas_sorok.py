"""``{% latogatas_sorok %}`` writes the visit list's rows as the row template did, for every kind of visit."""

import datetime

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import Latogatas
from ugyfelek.selectors import latogatas_reszletek

pytestmark = pytest.mark.django_db

# The row template the list used before (ugyfelek/includes/latogatas_sor.html).
SABLON = Template(
    """{% load kapocs %}{% for lat in latogatasok %}<li class="list-group-item">
  <div class="small text-muted">{{ lat.idopont|idopont }} · {{ lat.get_tipus_display }} · {{ lat.szerzo }}</div>
  <a href="{% id_url 'ugyfelek:latogatas_reszlet' lat.pk %}">{% if lat.haztartas %}{{ lat.haztartas }}{% else %}{{ lat.ugyfel.nev }}{% endif %}</a>
  {% if lat.haztartas and lat.jelen_nevek %}<span class="small">(jelen: {{ lat.jelen_nevek|join:", " }})</span>{% endif %}
  {% if lat.tema_nevek %}<div class="small">{% for t in lat.tema_nevek %}<span class="badge text-bg-light border">{{ t }}</span> {% endfor %}</div>{% endif %}
</li>{% endfor %}"""  # noqa: E501
)
TAG = Template("{% load latogatas_sorok %}{% latogatas_sorok latogatasok %}")


def test_the_rows_are_the_row_templates(vilag):
    ugyfel = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev='Kiss "<b>"', utonev="Éva & Co")
    haztartas = f.HaztartasFactory(projekt=vilag.projekt_a, nev="Rigó <család>")
    vilag.mentor.first_name = "<i>Ádám</i>"
    vilag.mentor.save()
    f.HaztartasTagFactory(haztartas=haztartas, ugyfel=ugyfel)
    # Just before midnight UTC: the next day in Budapest.
    ido = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    egyedul = Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=ugyfel, idopont=ido)
    egyedul.temak.create(tema="egeszseg")
    egyedul.temak.create(tema="adossagkezeles")
    csaladnal = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.koordinator, haztartas=haztartas, idopont=timezone.now(), tipus="telefon"
    )
    csaladnal.jelenlevok.add(ugyfel, vilag.ugyfel)
    ures_haztartas = Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.mentor, haztartas=haztartas, idopont=timezone.now()
    )
    latogatasok = latogatas_reszletek(
        list(Latogatas.objects.filter(pk__in=[egyedul.pk, csaladnal.pk, ures_haztartas.pk]).order_by("pk"))
    )
    kapott = TAG.render(Context({"latogatasok": latogatasok}))
    assert parse_html(kapott) == parse_html(SABLON.render(Context({"latogatasok": latogatasok})))
    assert "2027. 01. 01. 00:30" in kapott and "Kiss &quot;&lt;b&gt;&quot; Éva &amp; Co" in kapott
    assert "jelen: " in kapott and "Rigó &lt;család&gt;" in kapott and "&lt;i&gt;Ádám&lt;/i&gt;" in kapott


def test_the_details_are_the_topics_in_order_and_the_members_present_by_name(vilag):
    """``latogatas_reszletek`` (a written-out statement): topics in the order of the choices, members present by
    name; without names, the members' ids; a visit with neither gets empty lists, and no visit, no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ugyfelek.models import Tema

    haztartas = f.HaztartasFactory(projekt=vilag.projekt_a)
    zsofi = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev="Zöld", utonev="Zsófi")
    anna = f.UgyfelFactory(projekt=vilag.projekt_a, csaladi_nev="Árva", utonev="Anna")
    lat = Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, haztartas=haztartas)
    lat.jelenlevok.add(zsofi, anna)
    sorrend = [tema for tema, _nev in Tema.choices]
    for tema in reversed(sorrend[:3]):
        lat.temak.create(tema=tema)
    ures = Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel)

    egy, masik = latogatas_reszletek(list(Latogatas.objects.filter(pk__in=[lat.pk, ures.pk]).order_by("pk")))
    assert egy.tema_nevek == [dict(Tema.choices)[t] for t in sorrend[:3]]
    assert egy.jelen_nevek == sorted(["Zöld Zsófi", "Árva Anna"])
    assert (masik.tema_nevek, masik.jelen_nevek) == ([], [])
    (idvel,) = latogatas_reszletek([Latogatas.objects.get(pk=lat.pk)], nevek=False)
    assert sorted(idvel.jelen_idk) == sorted([zsofi.pk, anna.pk]) and not hasattr(idvel, "jelen_nevek")
    with CaptureQueriesContext(connection) as q:
        assert latogatas_reszletek([]) == []
    assert len(q) == 0
