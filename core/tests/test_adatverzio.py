"""The data versions of each project (core.adatverzio): every write of a project's data raises the version of
the table it wrote (an insert, a delete, a move to another project) or of each column it changed (an update),
in the writing transaction, by triggers that no write path can bypass."""

import datetime

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from core import adatverzio
from core.testing import factories as f
from core.testing import factories_tevekenyseg as ft
from indikatorok.models import Celertek, Merfoldko
from ugyfelek.models import FejlesztesiTerv, Felulvizsgalat, Latogatas, Ugyfel

pytestmark = pytest.mark.django_db(transaction=True)

# Tables of the project's apps that do not raise a project's version, and why.
NEM_KOVETETT = {
    "core_valtozas": "the change history: written with every change anyway, read by no cached page",
    "core_hozzaferes": "the access log: written by reads",
    "core_adatverzio": "the versions themselves",
    "kepzes_kepzes": "the training catalogue, shared by every project: a trigger of its own, raising every one",
    "akcioterulet_felhasznalo": "the staff: a trigger of its own, on the columns pages show",
    "akcioterulet_felhasznalo_groups": "permissions of the admin site, not project data",
    "akcioterulet_felhasznalo_user_permissions": "permissions of the admin site, not project data",
}
SAJAT_APPOK = {"akcioterulet", "core", "ugyfelek", "kepzes", "kozosseg", "indikatorok"}


def _pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")


def verzio(projekt, tabla=None) -> int:
    """The version of one name (a table or ``<table>__<column>``) of ``projekt`` (without ``tabla``: of the
    project, the sum of its names)."""
    verziok = adatverzio.verziok([projekt.pk])
    return sum(verziok.values()) if tabla is None else verziok.get(tabla, 0)


def adatbazis_triggerei() -> set[str]:
    """The tables that carry a version trigger in the database."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                [adatverzio.PREFIX],
            )
            return {r[0] for r in cur.fetchall()}
        cur.execute(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [adatverzio.PREFIX + "%"]
        )
        return {r[0] for r in cur.fetchall()}


def test_every_table_of_the_projects_apps_is_covered_or_left_out_for_a_reason():
    tablak = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in SAJAT_APPOK and m._meta.managed
    }
    kovetett = set(adatverzio.kovetett_tablak())
    assert kovetett | set(NEM_KOVETETT) == tablak
    assert not kovetett & set(NEM_KOVETETT)
    # Installed by migrate (post_migrate) on this database: every covered table, and the staff's.
    assert adatbazis_triggerei() == kovetett | {"akcioterulet_felhasznalo", "kepzes_kepzes"}


def test_any_change_of_any_covered_table_raises_the_version_of_that_rows_project(vilag):
    """An UPDATE of one row of each table, written as plain SQL (no signal, no model code): its id moved away
    and back in one transaction (the foreign keys are checked at the commit). The database raises the
    version of that row's id column in the project the row belongs to, and nothing else."""
    projektek = {p.pk: p for p in (vilag.projekt_a, vilag.projekt_b)}
    # Rows of the tables the world fixture leaves empty.
    a = vilag.projekt_a
    ft.KulonlegesAdatFactory(ugyfel=vilag.ugyfel)
    terv = FejlesztesiTerv.objects.filter(projekt=a).first() or ft.FejlesztesiTervFactory(projekt=a)
    ft.TervCelFactory(terv=terv)
    Felulvizsgalat.objects.create(
        terv=terv, datum=datetime.date(2021, 6, 1), megallapitasok="Halad.", keszitette=vilag.mentor
    )
    Merfoldko.objects.create(
        celertek=Celertek.objects.filter(projekt=a).first(), datum=datetime.date(2021, 6, 30), ertek=1
    )
    Latogatas.objects.filter(projekt=a).first().munkatarsak.add(vilag.koordinator)
    ures = []
    for tabla, (model, path) in sorted(adatverzio.kovetett_tablak().items()):
        sor = model._base_manager.order_by("pk").values_list("pk", path).first()
        if sor is None:
            ures.append(tabla)
            continue
        pk, projekt_id = sor
        elotte = {pid: adatverzio.verziok([pid]) for pid in projektek}
        oszlop = model._meta.pk.column
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f'UPDATE "{tabla}" SET "{oszlop}" = "{oszlop}" + 1000000 WHERE "{oszlop}" = %s', [pk])
            cur.execute(f'UPDATE "{tabla}" SET "{oszlop}" = "{oszlop}" - 1000000 WHERE "{oszlop}" = %s', [pk + 1000000])
        for pid in projektek:
            utana = adatverzio.verziok([pid])
            if pid == projekt_id:
                nev = adatverzio.oszlop_nev(tabla, oszlop)
                # The projects' own table: its id is the project, so the row "moved" and back.
                nevek = {tabla, nev} if tabla == "akcioterulet_projekt" else {nev}
                assert any(utana.get(n, 0) > elotte[pid].get(n, 0) for n in nevek), tabla
                for n in nevek:
                    utana.pop(n, None), elotte[pid].pop(n, None)
            assert utana == elotte[pid], tabla
    assert not ures, f"the world fixture has no row in {ures}: add one, so that the table is checked"


def test_insert_delete_and_many_to_many_raise_it(vilag):
    a, b = vilag.projekt_a, vilag.projekt_b
    v = verzio(a)
    lat = Latogatas.objects.create(projekt=a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now())
    assert verzio(a) > v
    v = verzio(a)
    lat.jelenlevok.add(vilag.ugyfel)  # a row of the many-to-many table, two steps from the project
    assert verzio(a) > v
    v = verzio(a)
    lat.delete()
    assert verzio(a) > v
    # A participant of B is not in A.
    v, vb = verzio(a), verzio(b)
    f.UgyfelFactory(projekt=b)
    assert (verzio(a), verzio(b) > vb) == (v, True)


def test_a_rename_of_a_colleague_raises_every_project_but_a_sign_in_none(vilag):
    """Names of staff appear in projects they are no members of (a former mentor, a visit's author)."""
    a, b = vilag.projekt_a, vilag.projekt_b
    va, vb = verzio(a), verzio(b)
    vilag.mentor.last_login = timezone.now()
    vilag.mentor.save()  # every column written, none of those pages show changed
    assert (verzio(a), verzio(b)) == (va, vb)
    vilag.mentor.last_name = "Újnév"
    vilag.mentor.save(update_fields=["last_name"])
    assert verzio(a) > va and verzio(b) > vb


def test_a_change_of_the_training_catalogue_raises_every_project(vilag):
    from kepzes.models import Kepzes

    va, vb = verzio(vilag.projekt_a), verzio(vilag.projekt_b)
    Kepzes.objects.filter(pk=Kepzes.objects.order_by("pk").values("pk")[:1]).update(nev="Új név")
    assert verzio(vilag.projekt_a) > va and verzio(vilag.projekt_b) > vb


def test_a_row_moved_to_another_project_raises_both(vilag):
    a, b = vilag.projekt_a, vilag.projekt_b
    va, vb = verzio(a), verzio(b)
    Latogatas.objects.filter(pk=vilag.latogatas.pk).update(projekt=b)
    assert verzio(a) > va and verzio(b) > vb


def test_a_rolled_back_change_leaves_the_version_as_it_was(vilag):
    v = verzio(vilag.projekt_a)
    with pytest.raises(RuntimeError), transaction.atomic():
        f.UgyfelFactory(projekt=vilag.projekt_a)
        raise RuntimeError
    assert verzio(vilag.projekt_a) == v


@pytest.mark.postgres
def test_postgresql_raises_each_table_once_per_transaction_and_only_when_it_commits(vilag):
    _pg_only()
    from django.db import connections

    a = vilag.projekt_a
    ugyfel, haztartas = "ugyfelek_ugyfel", "ugyfelek_haztartas__nev"
    v, vh = verzio(a, ugyfel), verzio(a, haztartas)
    masik = connections.create_connection("default")
    try:
        with transaction.atomic():
            for _ in range(3):
                f.UgyfelFactory(projekt=a)
            Latogatas.objects.create(projekt=a, szerzo=vilag.mentor, ugyfel=vilag.ugyfel, idopont=timezone.now())
            # Not yet: another connection sees the old versions, and it may raise a version itself now
            # (the counters' rows are not locked until the commit: a long import holds up no one).
            with masik.cursor() as cur:
                cur.execute("SET lock_timeout = '2s'")
                cur.execute(
                    "SELECT coalesce(sum(verzio), 0) FROM core_adatverzio WHERE projekt_id = %s AND tabla = %s",
                    [a.pk, ugyfel],
                )
                assert cur.fetchone()[0] == v
                cur.execute("UPDATE ugyfelek_haztartas SET nev = nev || 'x' WHERE projekt_id = %s", [a.pk])
            assert verzio(a, haztartas) == vh + 1  # the other connection's commit
            assert verzio(a, ugyfel) == v
        assert verzio(a, ugyfel) == v + 1  # this transaction's: once, for three rows
        assert verzio(a, haztartas) == vh + 1
    finally:
        masik.close()


def test_the_versions_of_several_projects_are_their_sums_and_grow_with_either(vilag):
    a, b = vilag.projekt_a, vilag.projekt_b
    assert adatverzio.verziok([]) == {}  # no row yet: every version zero
    egyutt = adatverzio.verziok([a.pk, b.pk])
    tabla = "ugyfelek_haztartas"
    assert egyutt[tabla] == verzio(a, tabla) + verzio(b, tabla)
    f.HaztartasFactory(projekt=b)
    assert adatverzio.verziok([a.pk, b.pk]) == egyutt | {tabla: egyutt[tabla] + 1}
    assert adatverzio.verziok(None)[tabla] >= egyutt[tabla] + 1


@pytest.mark.postgres
def test_postgresql_truncate_raises_every_project(vilag):
    _pg_only()
    va, vb = verzio(vilag.projekt_a), verzio(vilag.projekt_b)
    with connection.cursor() as cur:
        cur.execute("TRUNCATE ugyfelek_latogatastema")
    assert verzio(vilag.projekt_a) > va and verzio(vilag.projekt_b) > vb


@pytest.mark.postgres
def test_postgresql_two_commits_raising_two_projects_in_opposite_orders_do_not_deadlock(vilag):
    """Each transaction changes a household of its first project (not the other's rows), bulk-inserts
    there (the commit-time triggers then take a while), and changes one of the other project; both commit
    at once. Without the advisory lock of the raise one of them failed with "deadlock detected" on the
    counters' rows."""
    import threading

    import psycopg2

    from ugyfelek.models import Haztartas

    _pg_only()
    d = connection.settings_dict
    dsn = f"host={d['HOST']} port={d['PORT']} user={d['USER']} dbname={d['NAME']}"
    ha1, ha2 = (f.HaztartasFactory(projekt=vilag.projekt_a).pk for _ in range(2))
    hb1, hb2 = (f.HaztartasFactory(projekt=vilag.projekt_b).pk for _ in range(2))
    oszlopok = ", ".join(f'"{m.column}"' for m in Haztartas._meta.concrete_fields if not m.primary_key)
    va, vb = verzio(vilag.projekt_a), verzio(vilag.projekt_b)
    hibak, sorompo = [], threading.Barrier(2)

    def tranzakcio(elso, masodik):
        kapcsolat = psycopg2.connect(dsn)
        try:
            with kapcsolat.cursor() as cur:
                cur.execute("SET lock_timeout = '20s'")
                cur.execute("UPDATE ugyfelek_haztartas SET nev = nev || 'x' WHERE id = %s", [elso])
                cur.execute(
                    f"INSERT INTO ugyfelek_haztartas ({oszlopok}) SELECT {oszlopok} FROM ugyfelek_haztartas, "
                    "generate_series(1, 10000) WHERE id = %s",
                    [elso],
                )
                cur.execute("UPDATE ugyfelek_haztartas SET nev = nev || 'x' WHERE id = %s", [masodik])
            sorompo.wait(timeout=30)
            kapcsolat.commit()
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            hibak.append(repr(e))
        finally:
            kapcsolat.close()

    szalak = [threading.Thread(target=tranzakcio, args=args) for args in ((ha1, hb1), (hb2, ha2))]
    for t in szalak:
        t.start()
    for t in szalak:
        t.join()
    assert hibak == []
    # Each project: its households' names twice (once by each transaction), its table once (the insert).
    assert (verzio(vilag.projekt_a), verzio(vilag.projekt_b)) == (va + 3, vb + 3)


def test_an_update_raises_the_columns_it_changed_and_nothing_when_it_changed_nothing(vilag):
    """The last visit written after every saved visit raises its own column's version, not the table's (the
    lists of names stay); a rename raises the name's; writing the values the row had raises nothing."""
    a = vilag.projekt_a
    ugyfelek = Ugyfel.objects.filter(pk=vilag.ugyfel.pk)

    def emelt(**valtozas):
        elotte = adatverzio.verziok([a.pk])
        ugyfelek.update(**valtozas)
        utana = adatverzio.verziok([a.pk])
        return {nev for nev, v in utana.items() if v != elotte.get(nev, 0)}

    assert emelt(utolso_latogatas=timezone.now() - datetime.timedelta(days=3)) == {"ugyfelek_ugyfel__utolso_latogatas"}
    assert emelt(utolso_latogatas=timezone.now(), csaladi_nev="Másnév") == {
        "ugyfelek_ugyfel__utolso_latogatas",
        "ugyfelek_ugyfel__csaladi_nev",
    }
    assert emelt(utolso_latogatas=F("utolso_latogatas"), csaladi_nev=F("csaladi_nev")) == set()


def test_a_model_save_raises_the_columns_the_form_changed(vilag):
    """A form saves every column; only the changed ones (and the time of the change) raise a version."""
    ugyfel = Ugyfel.objects.get(pk=vilag.ugyfel.pk)
    elotte = adatverzio.verziok([vilag.projekt_a.pk])
    ugyfel.telefon = "+36 30 123 4567"
    ugyfel.save()
    utana = adatverzio.verziok([vilag.projekt_a.pk])
    assert {nev for nev, v in utana.items() if v != elotte.get(nev, 0)} == {
        "ugyfelek_ugyfel__telefon",
        "ugyfelek_ugyfel__modositva",
    }


def test_every_version_name_fits_its_column():
    from core.models import AdatVerzio

    hossz = AdatVerzio._meta.get_field("tabla").max_length
    nevek = [
        adatverzio.oszlop_nev(tabla, o)
        for tabla, (model, _path) in adatverzio.kovetett_tablak().items()
        for o in adatverzio.oszlopok(model)
    ]
    assert max(map(len, [*nevek, *adatverzio.tabla_nevek()])) <= hossz


def test_raising_every_project_raises_every_tables_version(vilag):
    elotte = {p.pk: adatverzio.verziok([p.pk]) for p in (vilag.projekt_a, vilag.projekt_b)}
    adatverzio.minden_projekt_emelese()
    for pid, regi in elotte.items():
        uj = adatverzio.verziok([pid])
        assert all(uj[nev] == regi.get(nev, 0) + 1 for nev in adatverzio.tabla_nevek())


def test_migrate_raises_every_version_of_every_project_for_what_its_migrations_wrote(vilag):
    """``migrate`` writes without the triggers (``felfuggesztes``); when it ends every project's every table is
    raised, so what a data migration wrote is never hidden behind a kept part."""
    from django.core.management import call_command

    elotte = {p.pk: adatverzio.verziok([p.pk]) for p in (vilag.projekt_a, vilag.projekt_b)}
    call_command("migrate", verbosity=0)
    for pid, regi in elotte.items():
        uj = adatverzio.verziok([pid])
        assert all(uj[nev] == regi.get(nev, 0) + 1 for nev in adatverzio.tabla_nevek())
    # The triggers are back, for every covered table: a write raises its version again.
    assert adatbazis_triggerei() == set(adatverzio.kovetett_tablak()) | {"akcioterulet_felhasznalo", "kepzes_kepzes"}
    v = verzio(vilag.projekt_a, "ugyfelek_ugyfel")
    f.UgyfelFactory(projekt=vilag.projekt_a)
    assert verzio(vilag.projekt_a, "ugyfelek_ugyfel") == v + 1


def test_while_migrate_runs_its_own_writes_raise_nothing(vilag):
    """Between ``felfuggesztes`` (pre_migrate) and ``telepites`` (post_migrate) the migrating connection's writes
    raise no version: on PostgreSQL they leave no trigger event pending (an index created after them in the same
    migration would fail) and run no trigger function that may name a column dropped meanwhile; on SQLite the
    triggers are gone, so a migration may drop a column they named."""
    a = vilag.projekt_a
    v = verzio(a, "ugyfelek_ugyfel__telefon")
    adatverzio.felfuggesztes()
    try:
        with transaction.atomic():
            Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(telefon="+36 30 111 2233")
            with connection.cursor() as cur:
                cur.execute("CREATE INDEX proba_idx ON ugyfelek_ugyfel (telefon)")
                cur.execute("DROP INDEX proba_idx")
        assert verzio(a, "ugyfelek_ugyfel__telefon") == v
    finally:
        adatverzio.telepites()
    assert verzio(a, "ugyfelek_ugyfel__telefon") == v  # the column's name: not raised by the end of migrate
    assert verzio(a, "ugyfelek_ugyfel") > 0
    Ugyfel.objects.filter(pk=vilag.ugyfel.pk).update(telefon="+36 30 444 5566")
    assert verzio(a, "ugyfelek_ugyfel__telefon") == v + 1


@pytest.mark.postgres
def test_postgresql_other_connections_raise_versions_while_migrate_runs(vilag):
    """Only the connection that runs ``migrate`` writes without raising: a visit saved meanwhile by a running
    server still raises its project's version."""
    _pg_only()
    from django.db import connections

    a = vilag.projekt_a
    v = verzio(a, "ugyfelek_haztartas__nev")
    masik = connections.create_connection("default")
    adatverzio.felfuggesztes()
    try:
        with masik.cursor() as cur:
            cur.execute("UPDATE ugyfelek_haztartas SET nev = nev || 'x' WHERE projekt_id = %s", [a.pk])
        assert verzio(a, "ugyfelek_haztartas__nev") == v + 1
    finally:
        masik.close()
        adatverzio.telepites()
