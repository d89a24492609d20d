import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import factories as f
from ugyfelek.models import FejlesztesiTerv, Felulvizsgalat, TervCel, Ugyfel
from ugyfelek.services import felulvizsgalat_rogzites, honapokkal_kesobb, terv_mentes


def _terv_adat(**kwargs):
    adat = {
        "keszult": "2026-01-31",
        "felulvizsgalat_honap": "3",
        "helyzetleiras": "Két gyermekkel él, munkát keres.",
        "cel-TOTAL_FORMS": "1",
        "cel-INITIAL_FORMS": "0",
        "cel-MIN_NUM_FORMS": "0",
        "cel-MAX_NUM_FORMS": "1000",
        "cel-0-terulet": "allaskereses",
        "cel-0-leiras": "Jelentkezés a közfoglalkoztatásba",
        "cel-0-hatarido": "2026-04-30",
        "cel-0-felelos": "ügyfél, mentor",
        "cel-0-statusz": "folyamatban",
    }
    adat.update(kwargs)
    return adat


def test_months_later_clamps_to_the_last_day():
    assert honapokkal_kesobb(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert honapokkal_kesobb(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert honapokkal_kesobb(datetime.date(2024, 11, 29), 3) == datetime.date(2025, 2, 28)
    assert honapokkal_kesobb(datetime.date(2026, 5, 15), 12) == datetime.date(2027, 5, 15)


def test_mentor_draws_up_a_plan_with_goals_and_the_next_review_is_set(vilag, client_as):
    uj = f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    resp = client_as(vilag.mentor).post(reverse("ugyfelek:terv_uj", args=[uj.pk]), _terv_adat())
    terv = FejlesztesiTerv.objects.get(ugyfel=uj)
    assert resp["Location"] == reverse("ugyfelek:terv_reszlet", args=[terv.pk])
    assert terv.keszitette == vilag.mentor and terv.projekt == vilag.projekt_a
    assert terv.kovetkezo_felulvizsgalat == datetime.date(2026, 4, 30)
    assert terv.celok.get().leiras == "Jelentkezés a közfoglalkoztatásba"


def test_household_plan_and_foreign_participant_is_404(vilag, client_as):
    c = client_as(vilag.mentor)
    resp = c.post(reverse("ugyfelek:haztartas_terv_uj", args=[vilag.haztartas.pk]), _terv_adat())
    assert resp.status_code == 302
    assert FejlesztesiTerv.objects.filter(haztartas=vilag.haztartas).count() == 1
    assert c.post(reverse("ugyfelek:terv_uj", args=[vilag.ugyfel_b.pk]), _terv_adat()).status_code == 404


def test_editing_a_plan_changes_goals_and_closing_clears_the_review(vilag, client_as):
    terv = vilag.terv
    cel = TervCel.objects.create(terv=terv, terulet="egeszseg", leiras="Háziorvos felkeresése")
    resp = client_as(vilag.mentor).post(
        reverse("ugyfelek:terv_szerkesztes", args=[terv.pk]),
        _terv_adat(
            keszult="2021-04-01",
            felulvizsgalat_honap="6",
            **{
                "cel-INITIAL_FORMS": "1",
                "cel-TOTAL_FORMS": "2",
                "cel-0-id": cel.pk,
                "cel-0-terv": terv.pk,
                "cel-0-terulet": "egeszseg",
                "cel-0-leiras": "Háziorvos felkeresése",
                "cel-0-statusz": "teljesult",
                "cel-0-teljesult_datum": "2021-05-02",
                "cel-1-terulet": "lakokornyezet",
                "cel-1-leiras": "Udvar rendbetétele",
                "cel-1-statusz": "folyamatban",
            },
        ),
    )
    assert resp.status_code == 302, resp.context["formset"].errors
    terv.refresh_from_db()
    assert terv.kovetkezo_felulvizsgalat == datetime.date(2021, 10, 1)
    assert sorted(terv.celok.values_list("statusz", flat=True)) == ["folyamatban", "teljesult"]
    terv.lezarva = datetime.date(2022, 1, 1)
    terv_mentes(terv=terv)
    assert terv.kovetkezo_felulvizsgalat is None


def test_due_review_shows_on_the_mentors_home_page_and_recording_it_clears_it(vilag, client_as):
    c = client_as(vilag.mentor)
    url = reverse("ugyfelek:felulvizsgalat_uj", args=[vilag.terv.pk])
    assert url in c.get(reverse("kezdolap")).content.decode()
    ma = timezone.localdate()
    resp = c.post(url, {"datum": ma.isoformat(), "megallapitasok": "A célok fele teljesült."})
    assert resp.status_code == 302
    vilag.terv.refresh_from_db()
    assert vilag.terv.kovetkezo_felulvizsgalat == honapokkal_kesobb(ma, 3)
    assert url not in c.get(reverse("kezdolap")).content.decode()
    assert Felulvizsgalat.objects.get().keszitette == vilag.mentor


def test_review_in_the_future_is_refused(vilag, client_as):
    holnap = timezone.localdate() + datetime.timedelta(days=1)
    resp = client_as(vilag.mentor).post(
        reverse("ugyfelek:felulvizsgalat_uj", args=[vilag.terv.pk]), {"datum": holnap, "megallapitasok": "x"}
    )
    assert resp.status_code == 200 and "datum" in resp.context["form"].errors


def test_an_older_review_recorded_late_does_not_move_the_next_date_back(vilag):
    felulvizsgalat_rogzites(
        terv=vilag.terv, datum=datetime.date(2021, 7, 1), megallapitasok="a", keszitette=vilag.mentor
    )
    felulvizsgalat_rogzites(
        terv=vilag.terv, datum=datetime.date(2021, 6, 1), megallapitasok="b", keszitette=vilag.mentor
    )
    assert vilag.terv.kovetkezo_felulvizsgalat == datetime.date(2021, 10, 1)


def test_printable_page_has_signature_lines(vilag, client_as):
    resp = client_as(vilag.mentor).get(reverse("ugyfelek:terv_nyomtatas", args=[vilag.terv.pk]))
    html = resp.content.decode()
    assert "alairas-vonal" in html and vilag.ugyfel.nev in html and "Egyéni fejlesztési terv" in html


@pytest.mark.parametrize(
    "megallapodas,terv,vart",
    [
        (None, None, None),
        (datetime.date(2021, 5, 1), None, datetime.date(2021, 5, 1)),
        (None, datetime.date(2021, 6, 1), datetime.date(2021, 6, 1)),
        (datetime.date(2021, 5, 1), datetime.date(2021, 6, 1), datetime.date(2021, 5, 1)),
        (datetime.date(2021, 7, 1), datetime.date(2021, 6, 1), datetime.date(2021, 6, 1)),
    ],
)
def test_involved_since_the_agreement_or_the_first_plan(projekt_a, mentor, megallapodas, terv, vart):
    u = f.UgyfelFactory(projekt=projekt_a, megallapodas_datuma=megallapodas)
    if terv:
        for eltolas in (0, 30):
            FejlesztesiTerv.objects.create(
                projekt=projekt_a, ugyfel=u, keszult=terv + datetime.timedelta(days=eltolas), keszitette=mentor
            )
    assert Ugyfel.objects.get(pk=u.pk).bevonva_ota == vart


def test_participant_page_shows_involvement(vilag, client_as):
    c = client_as(vilag.mentor)
    nincs = f.UgyfelFactory(projekt=vilag.projekt_a)
    assert "még nincs bevonva" in c.get(reverse("ugyfelek:ugyfel_reszlet", args=[nincs.pk])).content.decode()
    html = c.get(reverse("ugyfelek:ugyfel_reszlet", args=[vilag.ugyfel.pk])).content.decode()
    assert "2021. 04. 01. óta" in html
