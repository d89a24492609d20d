"""The change history: one entry per write through every path, and every personal-data model tracked."""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from core import audit
from core.models import Valtozas
from core.testing import factories as f
from ugyfelek.models import Haztartas, Ugyfel

# Models with a link to a participant or household that deliberately stay out of the history.
# Each entry says why. An entry for a model that IS tracked fails the test (stale allowlist).
# Models with personal data that are deliberately not tracked (none at present).
NEM_KOVETETT: dict[str, str] = {}


def _projekt_appok():
    """The project's own apps (those in the repository, not installed packages)."""
    gyoker = str(settings.BASE_DIR)
    return {c.label for c in apps.get_app_configs() if c.path.startswith(gyoker) and "site-packages" not in c.path}


def _szemelyes_modellek():
    celok = (Ugyfel, Haztartas)
    projekt_appok = _projekt_appok()
    talalt = []
    for model in apps.get_models():
        if model._meta.app_label not in projekt_appok:
            continue
        kapcsolt = any(
            (fld.many_to_one or fld.one_to_one) and fld.related_model in celok for fld in model._meta.concrete_fields
        )
        if model in celok or kapcsolt:
            talalt.append(model)
    return talalt


def test_every_model_with_personal_data_is_tracked():
    assert {"ugyfelek", "kepzes", "kozosseg"} <= _projekt_appok()
    kovetett = audit.tracked_models()
    hianyzo = [
        m._meta.label_lower
        for m in _szemelyes_modellek()
        if m not in kovetett and m._meta.label_lower not in NEM_KOVETETT
    ]
    assert not hianyzo, (
        f"Személyes adatot tartalmazó modell(ek) nincs(enek) a változásnaplóban: {hianyzo}. "
        "Regisztrálja az app audit.py moduljában: audit.register(Modell, projekt='...projekt_id', ugyfel='ugyfel_id'), "
        "és importálja az AppConfig.ready()-ben (lásd ugyfelek/audit.py és ugyfelek/apps.py)."
    )
    elavult = [c for c in NEM_KOVETETT if apps.get_model(c) in kovetett]
    assert not elavult, f"Ezek már követettek, törölje őket a NEM_KOVETETT listából: {elavult}"


def _bejegyzesek(ugyfel, **kw):
    return Valtozas.objects.filter(modell="ugyfelek.ugyfel", objektum_id=str(ugyfel.pk), **kw)


def test_form_write_leaves_one_entry_with_user_and_old_new(client, koordinator, projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a, telefon="")
    client.force_login(koordinator)
    resp = client.get(reverse("ugyfelek:ugyfel_szerkesztes", args=[ugyfel.pk]))
    adat = {k: v for k, v in resp.context["form"].initial.items() if v is not None}
    adat.update(telefon="+36 30 123 4567", szuletesi_datum="1985-03-12", taj=ugyfel.taj)
    resp = client.post(reverse("ugyfelek:ugyfel_szerkesztes", args=[ugyfel.pk]), adat)
    assert resp.status_code == 302, resp.context["form"].errors if resp.context else resp
    bej = _bejegyzesek(ugyfel, muvelet=Valtozas.Muvelet.MODOSITAS).get()
    assert bej.felhasznalo == koordinator and bej.forras == Valtozas.Forras.URLAP
    assert bej.valtozasok["telefon"] == ["", "+36 30 123 4567"]
    assert bej.projekt_id == projekt_a.pk and bej.ugyfel_id == ugyfel.pk


def test_admin_write_leaves_one_admin_entry(client, admin_user, projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a)
    client.force_login(admin_user)
    url = reverse("admin:ugyfelek_ugyfel_delete", args=[ugyfel.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    bej = _bejegyzesek(ugyfel, muvelet=Valtozas.Muvelet.TORLES).get()
    assert bej.forras == Valtozas.Forras.ADMIN and bej.felhasznalo == admin_user
    assert bej.valtozasok["csaladi_nev"][0] == ugyfel.csaladi_nev


def test_import_writes_are_attributed_to_the_import(admin_user, projekt_a):
    uj = [f.UgyfelFactory.build(projekt=projekt_a) for _ in range(3)]
    with audit.audit_context(felhasznalo=admin_user, forras=Valtozas.Forras.IMPORT):
        letrehozott = Ugyfel.objects.bulk_create(uj)
        audit.log_bulk_create(letrehozott)
        egy = f.UgyfelFactory(projekt=projekt_a)
    bej = Valtozas.objects.filter(forras=Valtozas.Forras.IMPORT, modell="ugyfelek.ugyfel")
    assert bej.count() == 4
    assert set(bej.values_list("felhasznalo", flat=True)) == {admin_user.pk}
    assert _bejegyzesek(egy).count() == 1


def test_command_writes_default_to_the_command_source(projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a)
    Ugyfel.objects.filter(pk=ugyfel.pk)  # no write
    ugyfel.telefon = "+36 1 111 1111"
    ugyfel.save()
    bej = _bejegyzesek(ugyfel)
    assert bej.count() == 2
    assert set(bej.values_list("forras", flat=True)) == {Valtozas.Forras.PARANCS}
    assert set(bej.values_list("felhasznalo", flat=True)) == {None}


def test_unchanged_save_leaves_no_entry(projekt_a):
    ugyfel = f.UgyfelFactory(projekt=projekt_a)
    ugyfel.save()
    assert _bejegyzesek(ugyfel).count() == 1


def test_management_command_run_is_a_command_write(projekt_a, vilag):
    # A real command: the anonymisation writes its entries as "parancs" with no user.
    projekt_a.adatmegorzes_vege = datetime.date(2024, 1, 1)
    projekt_a.save()
    call_command("anonimizalas", stdout=__import__("io").StringIO())
    bej = Valtozas.objects.filter(muvelet=Valtozas.Muvelet.ANONIMIZALAS, ugyfel_id=vilag.ugyfel.pk).get()
    assert bej.forras == Valtozas.Forras.PARANCS and bej.felhasznalo is None


@pytest.mark.parametrize("rejtett", ["kisebbseg", "fogyatekossag"])
def test_special_category_values_are_masked_in_the_history(projekt_a, rejtett):
    from ugyfelek.models import KulonlegesAdat

    ugyfel = f.UgyfelFactory(projekt=projekt_a)
    KulonlegesAdat.objects.create(ugyfel=ugyfel, **{rejtett: "igen"})
    bej = Valtozas.objects.get(modell="ugyfelek.kulonlegesadat")
    assert bej.valtozasok[rejtett] == [None, audit.REJTETT]


def test_download_decorator_logs_successful_exports_only(rf, koordinator, projekt_a):
    from django.http import HttpResponse

    from core.models import Hozzaferes

    @audit.naplozott_letoltes("jelenléti ív")
    def letoltes(request, ok=True):
        resp = HttpResponse("x", status=200 if ok else 403)
        resp.naplo = {"projekt_id": projekt_a.pk, "rekordok_szama": 12}
        return resp

    keres = rf.get("/")
    keres.user = koordinator
    letoltes(keres)
    letoltes(keres, ok=False)
    bej = Hozzaferes.objects.get()
    assert (bej.mit, bej.muvelet, bej.rekordok_szama, bej.felhasznalo) == ("jelenléti ív", "export", 12, koordinator)


def test_every_many_to_many_field_of_a_tracked_model_is_tracked():
    # A through table written without m2m_changed receivers would change a record with no entry.
    for model in audit.tracked_models():
        kizart = audit._registry[model].kizart
        for mezo in model._meta.many_to_many:
            if mezo.name not in kizart:
                assert mezo.remote_field.through in audit._kapcsolatok, f"{model._meta.label}.{mezo.name}"


def test_an_unknown_participant_many_to_many_field_is_refused():
    from ugyfelek.models import Latogatas

    regi = audit._registry[Latogatas]
    try:
        with pytest.raises(ValueError, match="jelenlevo"):
            audit.register(Latogatas, ugyfel="ugyfel_id", ugyfel_m2m={"jelenlevo"})
    finally:
        audit._registry[Latogatas] = regi


def test_many_to_many_lists_are_shown_like_foreign_keys():
    bej = Valtozas(modell="ugyfelek.latogatas", valtozasok={"jelenlevok": [[], [3, 5]], "munkatarsak": [[7], []]})
    assert bej.sorok() == [("jelen lévő háztartástagok", "–", "#3, #5"), ("további munkatársak", "#7", "–")]


def test_dates_and_instants_are_shown_in_hungarian_form_and_local_time():
    # The visit's time is stored in UTC; the coordinator reads it in Budapest time (UTC+1 in November).
    bej = Valtozas(
        modell="ugyfelek.latogatas",
        valtozasok={"idopont": ["2026-11-24T09:30:00+00:00", "2026-11-24T10:15:00+00:00"]},
    )
    assert bej.sorok() == [("időpont", "2026. 11. 24. 10:30", "2026. 11. 24. 11:15")]
    terv = Valtozas(modell="ugyfelek.kovetofeladat", valtozasok={"hatarido": [None, "2026-12-01"]})
    assert terv.sorok() == [("határidő", "–", "2026. 12. 01.")]
