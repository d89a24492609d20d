"""The change history of a visit's topics, members present and colleagues, and who sees it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from akcioterulet.models import Szerep
from core.models import Valtozas
from core.testing import factories as f
from ugyfelek.models import HaztartasTag, Latogatas, LatogatasTema
from ugyfelek.services import latogatas_rogzites

from .mentoralas_adatok import admin_adat


@pytest.fixture
def haz(vilag):
    """Project A's household visit (``vilag.ugyfel`` present) and a second member of the household."""
    masik = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor, csaladi_nev="Kovács", utonev="Béla")
    HaztartasTag.objects.create(haztartas=vilag.haztartas, ugyfel=masik, mettol=datetime.date(2021, 1, 1))
    vilag.masik_tag = masik
    vilag.kollega = f.FelhasznaloFactory(username="kollega_a")
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=vilag.kollega, szerep=Szerep.MENTOR)
    return vilag


def _rogzites(v, **kwargs):
    """Save ``v.latogatas`` through the visit service; unchanged fields keep their values."""
    lat = v.latogatas
    adat = {
        "szerzo": lat.szerzo,
        "idopont": lat.idopont,
        "tipus": lat.tipus,
        "haztartas": lat.haztartas,
        "ugyfel": lat.ugyfel,
        "idotartam_perc": lat.idotartam_perc,
        "jegyzet": lat.jegyzet,
        "temak": list(lat.temak.values_list("tema", flat=True)),
        "jelenlevok": list(lat.jelenlevok.all()),
        "munkatarsak": list(lat.munkatarsak.all()),
    }
    adat.update(kwargs)
    return latogatas_rogzites(latogatas=lat, **adat)


def _latogatas_bejegyzesei(lat, **kw):
    return Valtozas.objects.filter(modell="ugyfelek.latogatas", objektum_id=str(lat.pk), **kw)


def _uj_bejegyzesek(elotte):
    return list(Valtozas.objects.filter(pk__gt=elotte).order_by("pk"))


def _utolso():
    return Valtozas.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_topic_added_and_removed_are_recorded_under_the_visit(haz):
    elotte = _utolso()
    _rogzites(haz, temak=["egeszseg"])
    bejegyzesek = _uj_bejegyzesek(elotte)
    assert {(b.modell, b.muvelet) for b in bejegyzesek} == {
        ("ugyfelek.latogatastema", Valtozas.Muvelet.LETREHOZAS),
        ("ugyfelek.latogatastema", Valtozas.Muvelet.TORLES),
    }
    uj = next(b for b in bejegyzesek if b.muvelet == Valtozas.Muvelet.LETREHOZAS)
    torolt = next(b for b in bejegyzesek if b.muvelet == Valtozas.Muvelet.TORLES)
    assert uj.valtozasok["tema"] == [None, "egeszseg"] and torolt.valtozasok["tema"] == ["adossagkezeles", None]
    assert {b.projekt_id for b in bejegyzesek} == {haz.projekt_a.pk}
    assert uj.valtozasok["latogatas_id"] == [None, haz.latogatas.pk]


def test_topic_of_a_participants_visit_is_filed_under_the_participant(haz):
    lat = Latogatas.objects.create(projekt=haz.projekt_a, szerzo=haz.mentor, ugyfel=haz.masik_tag)
    tema = LatogatasTema.objects.create(latogatas=lat, tema="egeszseg")
    bej = Valtozas.objects.get(modell="ugyfelek.latogatastema", objektum_id=str(tema.pk))
    assert bej.ugyfel_id == haz.masik_tag.pk and bej.projekt_id == haz.projekt_a.pk


def test_member_added_is_recorded_under_the_visit_and_in_the_members_history(haz):
    elotte = _utolso()
    _rogzites(haz, jelenlevok=[haz.ugyfel, haz.masik_tag])
    bejegyzesek = _uj_bejegyzesek(elotte)
    regi_uj = [[haz.ugyfel.pk], sorted([haz.ugyfel.pk, haz.masik_tag.pk])]
    assert [(b.modell, b.objektum_id, b.muvelet, b.valtozasok) for b in bejegyzesek] == [
        ("ugyfelek.latogatas", str(haz.latogatas.pk), Valtozas.Muvelet.MODOSITAS, {"jelenlevok": regi_uj})
    ] * 2
    # One under the visit (a household visit has no participant), one for the member added; the member
    # who stayed present gets none.
    assert [b.ugyfel_id for b in bejegyzesek] == [None, haz.masik_tag.pk]
    assert {b.projekt_id for b in bejegyzesek} == {haz.projekt_a.pk}


def test_member_removed_finds_the_entry_in_their_history(haz):
    elotte = _utolso()
    _rogzites(haz, jelenlevok=[haz.masik_tag])
    # set(): the member removed, then the member added, each in their own history.
    ki, kivett_tag, be, bevett_tag = _uj_bejegyzesek(elotte)
    assert (ki.ugyfel_id, kivett_tag.ugyfel_id, be.ugyfel_id, bevett_tag.ugyfel_id) == (
        None,
        haz.ugyfel.pk,
        None,
        haz.masik_tag.pk,
    )
    assert ki.valtozasok == kivett_tag.valtozasok == {"jelenlevok": [[haz.ugyfel.pk], []]}
    assert be.valtozasok == bevett_tag.valtozasok == {"jelenlevok": [[], [haz.masik_tag.pk]]}


def test_members_cleared_each_find_the_entry(haz):
    haz.latogatas.jelenlevok.add(haz.masik_tag)
    elotte = _utolso()
    haz.latogatas.jelenlevok.clear()
    bejegyzesek = _uj_bejegyzesek(elotte)
    ures = {"jelenlevok": [sorted([haz.ugyfel.pk, haz.masik_tag.pk]), []]}
    assert [b.valtozasok for b in bejegyzesek] == [ures] * 3
    assert [b.ugyfel_id for b in bejegyzesek] == [None, haz.ugyfel.pk, haz.masik_tag.pk]


def test_changes_from_the_participants_side_are_recorded_per_visit(haz):
    masik = Latogatas.objects.create(projekt=haz.projekt_a, szerzo=haz.mentor, haztartas=haz.haztartas)
    # Each visit's entry, and a copy of it in the history of the member added or removed.
    mindket_latogatason = {(str(lat.pk), u) for lat in (haz.latogatas, masik) for u in (None, haz.masik_tag.pk)}
    elotte = _utolso()
    haz.masik_tag.jelenleti_latogatasok.add(haz.latogatas, masik)
    bejegyzesek = _uj_bejegyzesek(elotte)
    assert {(b.objektum_id, b.ugyfel_id) for b in bejegyzesek} == mindket_latogatason
    assert _latogatas_bejegyzesei(haz.latogatas).first().valtozasok == {
        "jelenlevok": [[haz.ugyfel.pk], sorted([haz.ugyfel.pk, haz.masik_tag.pk])]
    }

    elotte = _utolso()
    haz.ugyfel.jelenleti_latogatasok.remove(haz.latogatas)
    bejegyzesek = _uj_bejegyzesek(elotte)
    assert [b.ugyfel_id for b in bejegyzesek] == [None, haz.ugyfel.pk]
    assert bejegyzesek[0].valtozasok == {"jelenlevok": [sorted([haz.ugyfel.pk, haz.masik_tag.pk]), [haz.masik_tag.pk]]}

    elotte = _utolso()
    haz.masik_tag.jelenleti_latogatasok.clear()
    bejegyzesek = _uj_bejegyzesek(elotte)
    assert {(b.objektum_id, b.ugyfel_id) for b in bejegyzesek} == mindket_latogatason
    assert not haz.latogatas.jelenlevok.exists() and not masik.jelenlevok.exists()


def test_colleague_changes_are_recorded_under_the_visit(haz):
    elotte = _utolso()
    _rogzites(haz, munkatarsak=[haz.kollega])
    _rogzites(haz, munkatarsak=[haz.koordinator])
    bejegyzesek = _uj_bejegyzesek(elotte)
    # set() replacing one colleague: a remove and an add.
    assert [b.valtozasok for b in bejegyzesek] == [
        {"munkatarsak": [[], [haz.kollega.pk]]},
        {"munkatarsak": [[haz.kollega.pk], []]},
        {"munkatarsak": [[], [haz.koordinator.pk]]},
    ]
    assert {(b.muvelet, b.ugyfel_id, b.projekt_id) for b in bejegyzesek} == {
        (Valtozas.Muvelet.MODOSITAS, None, haz.projekt_a.pk)
    }


def test_saving_an_unchanged_visit_writes_nothing(haz):
    _rogzites(haz, munkatarsak=[haz.kollega], jelenlevok=[haz.ugyfel, haz.masik_tag])
    elotte = _utolso()
    _rogzites(haz)
    haz.latogatas.jelenlevok.set([haz.masik_tag, haz.ugyfel])
    haz.latogatas.jelenlevok.add(haz.ugyfel)
    haz.latogatas.munkatarsak.remove(haz.koordinator)
    haz.masik_tag.jelenleti_latogatasok.add(haz.latogatas)
    assert _uj_bejegyzesek(elotte) == []


def test_deleting_a_household_visit_reaches_the_members_present(haz):
    _rogzites(haz, munkatarsak=[haz.kollega])
    lat_pk = haz.latogatas.pk
    haz.latogatas.delete()
    bejegyzesek = list(Valtozas.objects.filter(modell="ugyfelek.latogatas", muvelet=Valtozas.Muvelet.TORLES))
    assert sorted(b.ugyfel_id or 0 for b in bejegyzesek) == [0, haz.ugyfel.pk]
    assert {b.objektum_id for b in bejegyzesek} == {str(lat_pk)}
    for b in bejegyzesek:
        assert b.valtozasok["jelenlevok"] == [[haz.ugyfel.pk], None]
        assert b.valtozasok["munkatarsak"] == [[haz.kollega.pk], None]
    # The topic goes with the visit, in the history too: once under the visit, once for the member present.
    tema_torles = Valtozas.objects.filter(modell="ugyfelek.latogatastema", muvelet=Valtozas.Muvelet.TORLES)
    assert sorted(b.ugyfel_id or 0 for b in tema_torles) == [0, haz.ugyfel.pk]


def _post_adat(v, **kwargs):
    adat = {
        "idopont": timezone.localtime(v.latogatas.idopont).strftime("%Y-%m-%dT%H:%M"),
        "idotartam_perc": str(v.latogatas.idotartam_perc),
        "tipus": v.latogatas.tipus,
        "haztartas": v.haztartas.pk,
        "temak": ["adossagkezeles"],
        "jelenlevok": [v.ugyfel.pk],
        "jegyzet": v.latogatas.jegyzet,
        "feladat-TOTAL_FORMS": "1",
        "feladat-INITIAL_FORMS": "1",
        "feladat-MIN_NUM_FORMS": "0",
        "feladat-MAX_NUM_FORMS": "1000",
        "feladat-0-id": v.feladat.pk,
        "feladat-0-latogatas": v.latogatas.pk,
        "feladat-0-leiras": v.feladat.leiras,
        "feladat-0-hatarido": v.feladat.hatarido.isoformat(),
        "feladat-0-felelos": v.feladat.felelos_id,
    }
    adat.update(kwargs)
    return adat


def test_member_present_sees_the_visit_form_change_on_their_history_page(haz, client_as):
    url = reverse("ugyfelek:latogatas_szerkesztes", args=[haz.latogatas.pk])
    c = client_as(haz.mentor)
    assert c.post(url, _post_adat(haz)).status_code == 302  # the form keeps minutes: the time changes once
    elotte = _utolso()
    assert c.post(url, _post_adat(haz)).status_code == 302
    assert _uj_bejegyzesek(elotte) == []  # nothing changed, nothing written
    resp = c.post(url, _post_adat(haz, jelenlevok=[haz.masik_tag.pk], temak=["adossagkezeles", "egeszseg"]))
    assert resp.status_code == 302
    bejegyzesek = _uj_bejegyzesek(elotte)
    assert {b.felhasznalo for b in bejegyzesek} == {haz.mentor}
    assert {b.forras for b in bejegyzesek} == {Valtozas.Forras.URLAP}

    c = client_as(haz.koordinator)
    for tag, regi, uj in (
        (haz.ugyfel, f"#{haz.ugyfel.pk}", "–"),
        (haz.masik_tag, "–", f"#{haz.masik_tag.pk}"),
    ):
        html = c.get(reverse("ugyfelek:ugyfel_naplo", args=[tag.pk])).content.decode()
        assert f"módosítás: látogatás #{haz.latogatas.pk}" in html
        assert f"jelen lévő háztartástagok</strong>: {regi} → {uj}" in html


def test_the_visit_history_is_not_shown_outside_the_project(haz, client_as):
    _rogzites(haz, jelenlevok=[haz.masik_tag])
    url = reverse("ugyfelek:ugyfel_naplo", args=[haz.masik_tag.pk])
    koordinator_b = f.FelhasznaloFactory(username="koordinator_b")
    f.TagsagFactory(projekt=haz.projekt_b, felhasznalo=koordinator_b, szerep=Szerep.KOORDINATOR)
    assert client_as(koordinator_b).get(url).status_code == 404
    assert client_as(haz.mentor_b).get(url).status_code == 404
    assert client_as(haz.mentor).get(url).status_code == 403  # the project's mentor: not the log
    assert not Valtozas.objects.for_user(koordinator_b).filter(ugyfel_id=haz.masik_tag.pk).exists()
    assert Valtozas.objects.for_user(haz.koordinator).filter(ugyfel_id=haz.masik_tag.pk).exists()


def test_admin_changes_of_members_and_topics_are_admin_entries(haz, client):
    lat = haz.latogatas
    tema = lat.temak.get()
    adat = admin_adat(
        lat,
        jelenlevok=[haz.masik_tag.pk],
        **{
            "temak-TOTAL_FORMS": "2",
            "temak-INITIAL_FORMS": "1",
            "temak-0-id": tema.pk,
            "temak-0-latogatas": lat.pk,
            "temak-0-tema": tema.tema,
            "temak-1-latogatas": lat.pk,
            "temak-1-tema": "egeszseg",
        },
    )
    client.force_login(haz.admin)
    elotte = _utolso()
    resp = client.post(reverse("admin:ugyfelek_latogatas_change", args=[lat.pk]), adat)
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    bejegyzesek = _uj_bejegyzesek(elotte)
    assert {(b.forras, b.felhasznalo) for b in bejegyzesek} == {(Valtozas.Forras.ADMIN, haz.admin)}
    assert {(b.modell, b.ugyfel_id) for b in bejegyzesek} == {
        ("ugyfelek.latogatas", None),
        ("ugyfelek.latogatas", haz.ugyfel.pk),
        ("ugyfelek.latogatas", haz.masik_tag.pk),
        ("ugyfelek.latogatastema", None),
        # The admin saves who was present before the topics: the new topic reaches the member present now.
        ("ugyfelek.latogatastema", haz.masik_tag.pk),
    }
    uj_tema = Valtozas.objects.get(modell="ugyfelek.latogatastema", pk__gt=elotte, ugyfel_id=None)
    assert uj_tema.valtozasok["tema"] == [None, "egeszseg"]


def test_members_present_find_every_change_of_a_household_visit_in_their_history(haz, client_as):
    _rogzites(haz, jelenlevok=[haz.ugyfel, haz.masik_tag])
    elotte = _utolso()
    _rogzites(haz, jegyzet="Rendezték a hátralékot.", temak=["egeszseg"])
    bejegyzesek = _uj_bejegyzesek(elotte)
    varhato = {
        ("ugyfelek.latogatas", Valtozas.Muvelet.MODOSITAS),
        ("ugyfelek.latogatastema", Valtozas.Muvelet.LETREHOZAS),
        ("ugyfelek.latogatastema", Valtozas.Muvelet.TORLES),
    }
    # Under the visit (a household visit has no participant of its own) and under each member present.
    for ugyfel_id in (None, haz.ugyfel.pk, haz.masik_tag.pk):
        assert {(b.modell, b.muvelet) for b in bejegyzesek if b.ugyfel_id == ugyfel_id} == varhato, ugyfel_id
    html = client_as(haz.koordinator).get(reverse("ugyfelek:ugyfel_naplo", args=[haz.masik_tag.pk])).content.decode()
    assert f"módosítás: látogatás #{haz.latogatas.pk}" in html and "Rendezték a hátralékot." in html


def test_a_participants_own_visit_files_its_topics_once(haz):
    lat = Latogatas.objects.create(projekt=haz.projekt_a, szerzo=haz.mentor, ugyfel=haz.masik_tag)
    elotte = _utolso()
    LatogatasTema.objects.create(latogatas=lat, tema="egeszseg")
    assert [b.ugyfel_id for b in _uj_bejegyzesek(elotte)] == [haz.masik_tag.pk]
