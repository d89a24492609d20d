"""Special-category data never reach anyone but the coordinator and the assigned mentor.

Canary values are written into the special-category fields of a participant
of project A; then every GET page and export of every app's URL rules is
rendered for the other roles (a mentor of the same project who is not
assigned, the report reader, a mentor of project B) and searched for them.
"""

import io
import zipfile

import pytest
from django.urls import reverse

from akcioterulet.models import Szerep
from core.testing import factories as f
from core.testing.fixtures import app_modulok
from ugyfelek.models import Hozzajarulas, KulonlegesAdat

KANARIK = {
    "kisebbseg": "KNR-kisebb-7f3",
    "fogyatekossag": "KNR-fogyat-9c1",
    "egeszsegkarosodas": "KNR-egesz-2b8",
    "egyeb_hatrany": "KNR-hatrany-5e",
}
# The special-data form's inputs and the minority question's label: present on no page for others.
JELEK = [*KANARIK.values(), 'name="kisebbseg"', 'name="fogyatekossag"', "(pl. roma) tartozik"]


def _szoveg(resp) -> str:
    tartalom = b"".join(resp.streaming_content) if resp.streaming else resp.content
    tipus = resp.get("Content-Type", "")
    if "spreadsheetml" in tipus or tartalom[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(tartalom)) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    if "pdf" in tipus:
        from pypdf import PdfReader

        return "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(tartalom)).pages)
    return tartalom.decode("utf-8", "replace")


@pytest.fixture
def kanari_vilag(vilag):
    Hozzajarulas.objects.create(
        ugyfel=vilag.ugyfel, datum="2021-03-01", tajekoztato_verzio="1", celok=[], kulonleges_adatokhoz=True
    )
    adat, _ = KulonlegesAdat.objects.get_or_create(ugyfel=vilag.ugyfel)
    # update(): the canaries are not valid choices, the form would refuse them.
    KulonlegesAdat.objects.filter(pk=adat.pk).update(**KANARIK)
    vilag.masik_mentor = f.FelhasznaloFactory(username="mentor_a_masik")
    f.TagsagFactory(projekt=vilag.projekt_a, felhasznalo=vilag.masik_mentor, szerep=Szerep.MENTOR)
    return vilag


def _get_szabalyok():
    return [sz for m in app_modulok("url_jogok") for sz in getattr(m, "SZABALYOK", []) if sz.method == "get"]


def test_canaries_are_visible_to_the_assigned_mentor(kanari_vilag, client):
    # The search works: the assigned mentor's special-data page has the form.
    client.force_login(kanari_vilag.mentor)
    resp = client.get(reverse("ugyfelek:kulonleges_adat", args=[kanari_vilag.ugyfel.pk]))
    assert 'name="kisebbseg"' in _szoveg(resp)


def test_no_page_or_export_shows_special_data_to_other_roles(kanari_vilag, client):
    v = kanari_vilag
    talalatok = []
    for szabaly in _get_szabalyok():
        url = reverse(szabaly.nev, kwargs=szabaly.kwargs(v) if szabaly.kwargs else None)
        for persona in (v.masik_mentor, v.olvaso, v.mentor_b):
            client.logout()
            client.force_login(persona)
            szoveg = _szoveg(client.get(url))
            for jel in JELEK:
                if jel in szoveg:
                    talalatok.append((szabaly.nev, persona.username, jel))
    assert not talalatok, talalatok
