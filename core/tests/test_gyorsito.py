"""Parts of a page kept under the data versions of the tables and columns their queries read (core.adatverzio.Gyorsito):
a change recounts the parts that read what it changed, and no other."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from core.adatverzio import Figyelo, Gyorsito, oszlop_nev
from core.models import Valtozas
from core.testing import factories as f
from ugyfelek.models import KovetoFeladat, Latogatas, Ugyfel

pytestmark = pytest.mark.django_db(transaction=True)


class Szamlalo:
    """Computations that count how often they ran."""

    def __init__(self):
        self.futott = {}

    def __call__(self, nev, szamitas):
        def fut():
            self.futott[nev] = self.futott.get(nev, 0) + 1
            return szamitas()

        return fut


def _reszek(user, sz):
    return {
        "nevek": sz("nevek", lambda: sorted(Ugyfel.objects.for_user(user).values_list("csaladi_nev", flat=True))),
        "utolso": sz(
            "utolso", lambda: list(Ugyfel.objects.for_user(user).order_by("pk").values_list("pk", "utolso_latogatas"))
        ),
        "feladatok": sz("feladatok", lambda: KovetoFeladat.objects.for_user(user).count()),
    }


def test_a_part_is_recounted_only_after_a_change_of_what_it_read(vilag):
    sz = Szamlalo()

    def nezet():
        return Gyorsito(vilag.mentor, "proba", ()).reszek(_reszek(vilag.mentor, sz))

    elso = nezet()
    assert nezet() == elso and sz.futott == {"nevek": 1, "utolso": 1, "feladatok": 1}

    # A visit: its participant's last visit (a derived column alone) changes; the names stay.
    Latogatas.objects.create(projekt=vilag.projekt_a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now())
    harmadik = nezet()
    assert sz.futott == {"nevek": 1, "utolso": 2, "feladatok": 1}
    assert harmadik["utolso"] != elso["utolso"] and harmadik["nevek"] == elso["nevek"]

    # A rename: what reads the names; a phone number: nothing reads it.
    Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(csaladi_nev="Aaa")
    assert "Aaa" in nezet()["nevek"]
    assert sz.futott == {"nevek": 2, "utolso": 2, "feladatok": 1}
    Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(telefon="+36 1 234 5678")
    nezet()
    assert sz.futott == {"nevek": 2, "utolso": 2, "feladatok": 1}

    # A follow-up by a bulk insert (no signal): the count.
    KovetoFeladat.objects.bulk_create(
        [
            KovetoFeladat(
                projekt=vilag.projekt_a,
                ugyfel=vilag.ugyfel,
                felelos=vilag.mentor,
                leiras="x",
                hatarido=timezone.localdate(),
            )
        ]
    )
    assert nezet()["feladatok"] == elso["feladatok"] + 1
    assert sz.futott == {"nevek": 2, "utolso": 2, "feladatok": 2}

    # A new participant: every part that reads the participants.
    f.UgyfelFactory(projekt=vilag.projekt_a, mentor=vilag.mentor)
    nezet()
    assert sz.futott == {"nevek": 3, "utolso": 3, "feladatok": 2}

    # Another project's change keeps every part.
    f.UgyfelFactory(projekt=vilag.projekt_b, mentor=vilag.mentor_b)
    nezet()
    assert sz.futott == {"nevek": 3, "utolso": 3, "feladatok": 2}


def test_the_parameters_and_the_user_are_in_the_key(vilag):
    sz = Szamlalo()
    Gyorsito(vilag.mentor, "proba", (1,)).reszek(_reszek(vilag.mentor, sz))
    Gyorsito(vilag.mentor, "proba", (2,)).reszek(_reszek(vilag.mentor, sz))
    Gyorsito(vilag.koordinator, "proba", (1,)).reszek(_reszek(vilag.koordinator, sz))
    assert sz.futott == {"nevek": 3, "utolso": 3, "feladatok": 3}


def test_the_watcher_notes_tables_and_derived_columns_and_refuses_the_logs(vilag):
    figyelo = Figyelo()
    from django.db import connection

    with connection.execute_wrapper(figyelo):
        list(Latogatas.objects.filter(ugyfel__utolso_latogatas__isnull=False).order_by().values_list("pk"))
    assert figyelo.nevek == {
        "ugyfelek_latogatas",
        "ugyfelek_ugyfel",
        oszlop_nev("ugyfelek_latogatas", "id"),
        oszlop_nev("ugyfelek_latogatas", "ugyfel_id"),
        oszlop_nev("ugyfelek_ugyfel", "id"),
        oszlop_nev("ugyfelek_ugyfel", "utolso_latogatas"),
    }
    with pytest.raises(ImproperlyConfigured), connection.execute_wrapper(Figyelo()):
        Valtozas.objects.count()
    # Columns read without being named could not be told from the statement.
    with pytest.raises(ImproperlyConfigured), connection.execute_wrapper(Figyelo()), connection.cursor() as cur:
        cur.execute('SELECT * FROM "ugyfelek_ugyfel"')
    with connection.execute_wrapper(Figyelo()):
        assert Ugyfel.objects.count() >= 1  # COUNT(*) reads no column


def test_a_lazy_value_is_read_in_sight_of_the_watcher(vilag):
    """A queryset returned unevaluated reads its rows when it is pickled: still a dependency."""
    gy = Gyorsito(vilag.mentor, "lusta", ())
    elso = gy.reszek({"qs": lambda: Ugyfel.objects.for_user(vilag.mentor).values_list("csaladi_nev", flat=True)})
    assert list(elso["qs"])
    Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(csaladi_nev="Zzz")
    masodik = Gyorsito(vilag.mentor, "lusta", ()).reszek({"qs": lambda: []})
    assert masodik["qs"] == []  # recounted: its rows came from the participants' table


def test_a_kept_view_reads_only_the_versions_its_parts_depend_on(vilag):
    """Every project's every version is read only for a part never kept; then only the names kept parts
    depend on. A part whose new dependency was not read keeps it unknown and is recounted once more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sz = Szamlalo()
    reszek = _reszek(vilag.mentor, sz)
    Gyorsito(vilag.mentor, "proba", ()).reszek(reszek)
    with CaptureQueriesContext(connection) as q:
        Gyorsito(vilag.mentor, "proba", ()).reszek(reszek)
    (verziok,) = q.captured_queries
    assert "tabla IN" in verziok["sql"]  # only the names the kept parts depend on
    assert sz.futott == {"nevek": 1, "utolso": 1, "feladatok": 1}

    # A part that reads another table when the data say so: after the change that makes it, recounted, kept
    # with that table's version unknown (not read before the count), recounted once more, then kept.
    def feltetelesen():
        if Ugyfel.objects.filter(pk=vilag.ugyfel.pk, csaladi_nev="Zzz").exists():
            return list(KovetoFeladat.objects.for_user(vilag.mentor).order_by("pk").values_list("leiras"))
        return []

    reszek = {"felteteles": sz("felteteles", feltetelesen)}
    for _ in range(2):
        Gyorsito(vilag.mentor, "proba", ()).reszek(reszek)
    Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(csaladi_nev="Zzz")
    for _ in range(3):
        Gyorsito(vilag.mentor, "proba", ()).reszek(reszek)
    assert sz.futott["felteteles"] == 3


def test_inside_a_transaction_nothing_is_kept(vilag):
    sz = Szamlalo()
    with transaction.atomic():
        Gyorsito(vilag.mentor, "proba", ()).reszek(_reszek(vilag.mentor, sz))
        Gyorsito(vilag.mentor, "proba", ()).reszek(_reszek(vilag.mentor, sz))
    assert sz.futott == {"nevek": 2, "utolso": 2, "feladatok": 2}
    assert not cache._cache


def test_the_next_day_is_another_key(vilag):
    sz = Szamlalo()
    ma = timezone.localdate()
    for nap in (ma, ma, ma + datetime.timedelta(days=1)):
        Gyorsito(vilag.mentor, "proba", (nap,)).reszek(_reszek(vilag.mentor, sz))
    assert sz.futott == {"nevek": 2, "utolso": 2, "feladatok": 2}


def test_a_kept_part_is_read_for_the_configured_hours_at_most(vilag, settings):
    settings.KAPOCS_MEGORZES_ORA = 2
    elotte = time.time()
    Gyorsito(vilag.mentor, "proba", ()).reszek(_reszek(vilag.mentor, Szamlalo()))
    lejaratok = set(cache._expire_info.values())
    assert lejaratok and all(elotte + 2 * 3600 <= t <= time.time() + 2 * 3600 for t in lejaratok)


def test_a_process_cache_holds_the_staff_of_a_national_installation():
    """Django's local-memory cache keeps 300 entries unless told otherwise; the staff of 300 projects keep
    about 6,000 with their home pages alone (bench/tarolo.py), and past the limit every page is recounted."""
    assert cache._max_entries >= 10_000
