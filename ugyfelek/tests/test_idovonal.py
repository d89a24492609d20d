import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Valtozas
from ugyfelek import timeline
from ugyfelek.models import Felulvizsgalat
from ugyfelek.services import felulvizsgalat_rogzites, koveto_feladat_kesz, terv_mentes

from .mentoralas_adatok import latogatasok


def _tipusok(user, **kwargs):
    return [(e.tipus, e.cim) for e in timeline.esemenyek(user=user, **kwargs)]


def test_participant_timeline_has_visits_plans_reviews_and_follow_ups(vilag):
    felulvizsgalat_rogzites(
        terv=vilag.terv, datum=datetime.date(2021, 7, 2), megallapitasok="Halad.", keszitette=vilag.mentor
    )
    esemenyek = _tipusok(vilag.mentor, ugyfel=vilag.ugyfel)
    tipusok = {t for t, _ in esemenyek}
    assert {"Látogatás", "Fejlesztési terv", "Felülvizsgálat", "Teendő"} <= tipusok
    # The review's moving of the next date is not shown as a change of the plan.
    assert ("Fejlesztési terv", "A fejlesztési terv módosult") not in esemenyek
    # Sorted newest first.
    datumok = [e.rendezo.replace(tzinfo=None) for e in timeline.esemenyek(user=vilag.mentor, ugyfel=vilag.ugyfel)]
    assert datumok == sorted(datumok, reverse=True)


def _tegnapra(valtozasok):
    """Backdate history entries by a day (allowed on PostgreSQL only under the anonymisation flag that the trigger
    honours)."""
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SELECT set_config('kapocs.anonimizalas', 'on', true)")
        valtozasok.update(idopont=timezone.now() - datetime.timedelta(days=1))
        if connection.vendor == "postgresql":
            c.execute("SELECT set_config('kapocs.anonimizalas', 'off', true)")


def test_plan_changes_show_once_per_day(vilag):
    # The plan was drawn up yesterday; goals saved with it are not a change.
    _tegnapra(Valtozas.objects.filter(modell="ugyfelek.fejlesztesiterv"))
    assert "A fejlesztési terv módosult" not in {c for _, c in _tipusok(vilag.mentor, ugyfel=vilag.ugyfel)}
    vilag.terv.helyzetleiras = "Új helyzet"
    terv_mentes(terv=vilag.terv, celok=[{"terulet": "egeszseg", "leiras": "Szűrés", "statusz": "folyamatban"}])
    vilag.terv.helyzetleiras = "Még újabb"
    terv_mentes(terv=vilag.terv)
    modosult = [c for t, c in _tipusok(vilag.mentor, ugyfel=vilag.ugyfel) if c == "A fejlesztési terv módosult"]
    assert len(modosult) == 1


def test_household_timeline_and_done_follow_up(vilag):
    koveto_feladat_kesz(feladat=vilag.feladat)
    esemenyek = _tipusok(vilag.mentor, haztartas=vilag.haztartas)
    assert ("Teendő", f"{vilag.feladat.leiras} (elvégezve)") in esemenyek
    assert any(t == "Látogatás" for t, _ in esemenyek)


def test_timeline_is_scoped(vilag):
    assert timeline.esemenyek(user=vilag.mentor_b, ugyfel=vilag.ugyfel) == []
    assert timeline.esemenyek(user=vilag.olvaso, ugyfel=vilag.ugyfel) == []


def test_timeline_pages_run_the_same_number_of_queries_for_20_and_200_visits(
    vilag, client_as, django_assert_num_queries
):
    ugyfelek, haztartas = latogatasok(20, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    Felulvizsgalat.objects.create(
        terv=vilag.terv, datum=timezone.localdate(), megallapitasok="x", keszitette=vilag.mentor
    )
    c = client_as(vilag.mentor)
    urls = [
        reverse("ugyfelek:ugyfel_reszlet", args=[ugyfelek[0].pk]),
        reverse("ugyfelek:haztartas_reszlet", args=[haztartas.pk]),
    ]
    szamok = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        szamok.append(len(ctx))
    latogatasok(180, projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfelek=ugyfelek, haztartas=haztartas)
    for url, n in zip(urls, szamok, strict=True):
        with django_assert_num_queries(n):
            c.get(url)


def test_plans_handed_over_by_the_page_give_the_same_timeline(vilag):
    from ugyfelek.timeline_sources import tervek_lekerdezes

    felulvizsgalat_rogzites(
        terv=vilag.terv, datum=datetime.date(2021, 7, 2), megallapitasok="Halad.", keszitette=vilag.mentor
    )
    tervek = list(tervek_lekerdezes(vilag.mentor, ugyfel=vilag.ugyfel))
    assert tervek
    assert timeline.esemenyek(user=vilag.mentor, ugyfel=vilag.ugyfel, tervek=tervek) == timeline.esemenyek(
        user=vilag.mentor, ugyfel=vilag.ugyfel
    )


def test_links_built_from_one_reverse_are_those_of_reverse(db):
    url = timeline.url_keszito("ugyfelek:latogatas_reszlet")
    for pk in (1, 42, 918273645546372819, 10**20):
        assert url(pk) == reverse("ugyfelek:latogatas_reszlet", args=[pk])


def test_goals_achieved_and_a_goals_own_change_are_on_the_timeline(vilag):
    """The plan source reads goals, history and reviews in one query: each kind still gives its events."""
    from ugyfelek.models import TervCel

    def _regi_naplo():
        # Everything logged so far happened while the plan was drawn up, two days ago.
        with connection.cursor() as c:
            if connection.vendor == "postgresql":
                c.execute("SELECT set_config('kapocs.anonimizalas', 'on', true)")
            Valtozas.objects.update(idopont=timezone.now() - datetime.timedelta(days=2))
            if connection.vendor == "postgresql":
                c.execute("SELECT set_config('kapocs.anonimizalas', 'off', true)")

    nap = datetime.date(2022, 3, 4)
    # Two goals achieved the same day: listed in the goals' order (deadline, then id), a later deadline first
    # created; one without a deadline, last.
    kesobbi = TervCel.objects.create(
        terv=vilag.terv, terulet="egeszseg", leiras="Szűrésen részt vesz", hatarido=datetime.date(2022, 6, 1),
        statusz=TervCel.Statusz.TELJESULT, teljesult_datum=nap,
    )  # fmt: skip
    korabbi = TervCel.objects.create(
        terv=vilag.terv, terulet="allaskereses", leiras="Önéletrajz", hatarido=datetime.date(2022, 2, 1),
        statusz=TervCel.Statusz.TELJESULT, teljesult_datum=nap,
    )  # fmt: skip
    TervCel.objects.create(terv=vilag.terv, terulet="egyeb", leiras="Határidő nélkül", statusz="folyamatban")
    _regi_naplo()
    celok = [c for t, c in _tipusok(vilag.mentor, ugyfel=vilag.ugyfel) if c.startswith("Cél ")]
    assert celok == [
        f"Cél {korabbi.get_statusz_display()}: Önéletrajz",
        f"Cél {kesobbi.get_statusz_display()}: Szűrésen részt vesz",
    ]
    assert "A fejlesztési terv módosult" not in {c for _, c in _tipusok(vilag.mentor, ugyfel=vilag.ugyfel)}
    # A goal changed today, the plan itself not: the plan changed today.
    korabbi.leiras = "Önéletrajz és kísérőlevél"
    korabbi.save()
    ma = Valtozas.objects.filter(idopont__gte=timezone.now() - datetime.timedelta(days=1))
    assert set(ma.values_list("modell", flat=True)) == {"ugyfelek.tervcel"}
    assert ("Fejlesztési terv", "A fejlesztési terv módosult") in _tipusok(vilag.mentor, ugyfel=vilag.ugyfel)
    # The household's timeline reads the same source, for its plans (none here) and reviews.
    assert not any(t == "Felülvizsgálat" for t, _ in _tipusok(vilag.mentor, haztartas=vilag.haztartas))


def test_plan_lines_carry_their_own_days_times_authors_and_findings(vilag):
    """The plan's lines are read by a written-out statement (``_terv_sorok``): its days, times and the history's
    changed fields come back as the ORM gives them, on SQLite (text) as on PostgreSQL."""
    felulvizsgalat_rogzites(
        terv=vilag.terv,
        datum=datetime.date(2021, 7, 2),
        megallapitasok="Halad a terv szerint.",
        keszitette=vilag.mentor,
    )
    _tegnapra(Valtozas.objects.filter(modell="ugyfelek.fejlesztesiterv"))
    vilag.terv.helyzetleiras = "Új helyzet"
    terv_mentes(terv=vilag.terv)
    valtozas = Valtozas.objects.filter(modell="ugyfelek.fejlesztesiterv").latest("idopont")
    esemenyek = timeline.esemenyek(user=vilag.mentor, ugyfel=vilag.ugyfel)
    terv_url = reverse("ugyfelek:terv_reszlet", args=[vilag.terv.pk])

    felulvizsgalat = next(e for e in esemenyek if e.tipus == "Felülvizsgálat")
    assert (felulvizsgalat.idopont, felulvizsgalat.cim, felulvizsgalat.leiras, felulvizsgalat.url) == (
        datetime.date(2021, 7, 2),
        f"A fejlesztési terv felülvizsgálata ({vilag.mentor.teljes_nev})",
        "Halad a terv szerint.",
        terv_url,
    )
    keszult = next(e for e in esemenyek if e.cim == "Fejlesztési terv készült")
    assert keszult.idopont == vilag.terv.keszult
    # The change's line is at the history's own time, an aware one.
    modosult = next(e for e in esemenyek if e.cim == "A fejlesztési terv módosult")
    assert modosult.idopont == valtozas.idopont and timezone.is_aware(modosult.idopont)


def _orm_latogatas_sorai(user, *, ugyfel=None, haztartas=None):
    """What the visits-and-follow-ups source showed when it read through the ORM: (kind, title, text, time, link)."""
    from django.db.models import Q

    from ugyfelek.models import KovetoFeladat, Latogatas, LatogatasTipus, Tema
    from ugyfelek.timeline_sources import _nev

    if ugyfel is not None:
        jelen = Latogatas.jelenlevok.through.objects.filter(ugyfel=ugyfel).values_list("latogatas_id", flat=True)
        szuro = Q(ugyfel=ugyfel) | Q(pk__in=list(jelen))
    else:
        szuro = Q(haztartas=haztartas)
    latogatasok = Latogatas.objects.for_user(user).filter(szuro).order_by("-idopont", "-pk")
    sorok = []
    for lat in latogatasok.select_related("szerzo").prefetch_related("temak"):
        temak = ", ".join(dict(Tema.choices)[t.tema] for t in sorted(lat.temak.all(), key=lambda t: t.pk))
        cim = f"{dict(LatogatasTipus.choices)[lat.tipus]} ({lat.szerzo.teljes_nev})"
        url = reverse("ugyfelek:latogatas_reszlet", args=[lat.pk])
        sorok.append(("Látogatás", cim, temak, lat.idopont, url))
    feladat_szuro = Q(ugyfel=ugyfel) | Q(latogatas__in=list(latogatasok)) if ugyfel else Q(haztartas=haztartas)
    for fel in KovetoFeladat.objects.for_user(user).filter(feladat_szuro).order_by("-hatarido", "-pk"):
        allapot = "elvégezve" if fel.kesz else f"határidő: {fel.hatarido:%Y. %m. %d.}"
        url = reverse("ugyfelek:latogatas_reszlet", args=[fel.latogatas_id]) if fel.latogatas_id else ""
        ido = fel.kesz_idopont if fel.kesz and fel.kesz_idopont else fel.hatarido
        sorok.append(("Teendő", f"{fel.leiras} ({allapot})", f"Felelős: {_nev(*_nevei(fel.felelos))}", ido, url))
    return sorok


def _nevei(felhasznalo):
    return felhasznalo.last_name, felhasznalo.first_name, felhasznalo.username


def test_visit_lines_are_those_the_orm_reads_for_participants_and_households(vilag):
    """The visits and follow-ups are one written-out statement: the same lines, in the same order, as the ORM
    reads them: own visits and household visits the participant was present at, each topic, the author, the
    follow-ups of those visits and the participant's own, done or not; nothing of another project."""
    from ugyfelek.models import KovetoFeladat, Latogatas
    from ugyfelek.timeline_sources import latogatasok_es_teendok

    ugyfelek, haztartas = latogatasok(9, projekt=vilag.projekt_a, szerzo=vilag.mentor)
    # A visit without a topic, a follow-up of the participant without a visit, and one done.
    Latogatas.objects.create(
        projekt=vilag.projekt_a, szerzo=vilag.koordinator, ugyfel=ugyfelek[0], idopont=timezone.now()
    )
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_a,
        ugyfel=ugyfelek[0],
        leiras="Saját",
        hatarido=datetime.date(2030, 1, 1),
        felelos=vilag.mentor,
    )
    koveto_feladat_kesz(feladat=KovetoFeladat.objects.filter(latogatas__jelenlevok=ugyfelek[0]).first())
    # Another project's visit and follow-up of the same participant's id do not belong to the page's user.
    masik = Latogatas.objects.create(
        projekt=vilag.projekt_b, szerzo=vilag.mentor_b, ugyfel=ugyfelek[0], idopont=timezone.now()
    )
    KovetoFeladat.objects.create(
        projekt=vilag.projekt_b,
        latogatas=masik,
        ugyfel=ugyfelek[0],
        leiras="Másik",
        hatarido=datetime.date(2030, 1, 2),
        felelos=vilag.mentor_b,
    )

    def sorai(user, **kinek):
        return [(e.tipus, e.cim, e.leiras, e.idopont, e.url) for e in latogatasok_es_teendok(user=user, **kinek)]

    for user in (vilag.mentor, vilag.koordinator, vilag.mentor_b, vilag.olvaso):
        for kinek in ({"ugyfel": ugyfelek[0]}, {"ugyfel": ugyfelek[1]}, {"haztartas": haztartas}):
            assert sorai(user, **kinek) == _orm_latogatas_sorai(user, **kinek), (user, kinek)
    teljes = sorai(vilag.mentor, ugyfel=ugyfelek[0])
    assert {"Látogatás", "Teendő"} == {t for t, *_ in teljes} and not any("Másik" in c for _, c, *_ in teljes)
    assert any(c == "Saját (határidő: 2030. 01. 01.)" for _, c, *_ in teljes)
    assert any(c.endswith("(elvégezve)") for _, c, *_ in teljes)
    assert sorai(vilag.mentor_b, ugyfel=ugyfelek[0])[0][0] == "Látogatás"  # B's own visit, not A's
