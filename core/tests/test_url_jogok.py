"""Every URL pattern is classified, and each answers every persona as its class says."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.testing.fixtures import app_modulok
from core.testing.url_jogok import KIHAGYOTT_NEVTEREK

PERSONAK = ["anonim", "mentor", "koordinator", "olvaso", "mentor_b"]


def _minta_nevek(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    nevek = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in KIHAGYOTT_NEVTEREK:
                continue
            nevek += _minta_nevek(p, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(p, URLPattern):
            nevek.append(f"{prefix}{p.name}" if p.name else f"{prefix}<névtelen {p.pattern}>")
    return nevek


def _szabalyok():
    return [sz for modul in app_modulok("url_jogok") for sz in getattr(modul, "SZABALYOK", [])]


def test_every_url_pattern_is_classified():
    osztalyozott = {sz.nev for sz in _szabalyok()}
    hianyzo = sorted(set(_minta_nevek()) - osztalyozott)
    assert not hianyzo, f"Osztályozatlan URL-ek (vegye fel a <app>/tests/url_jogok.py fájlba): {hianyzo}"


def test_rules_name_existing_patterns():
    letezo = set(_minta_nevek())
    assert not [sz.nev for sz in _szabalyok() if sz.nev not in letezo]


@pytest.mark.parametrize("szabaly", _szabalyok(), ids=lambda sz: sz.nev)
def test_url_answers_each_persona_as_classified(szabaly, vilag, client):
    url = reverse(szabaly.nev, kwargs=szabaly.kwargs(vilag) if szabaly.kwargs else None)
    for persona in PERSONAK:
        client.logout()
        if persona != "anonim":
            client.force_login(getattr(vilag, persona))
        data = szabaly.data(vilag) if szabaly.data else {}
        resp = client.post(url, data) if szabaly.method == "post" else client.get(url)
        elvart = szabaly.elvaras(persona)
        kapott = resp.status_code
        hely = resp.get("Location", "")
        if elvart == "login":
            assert kapott == 302 and "/belepes/" in hely, f"{persona}: {kapott} {hely}"
        elif elvart == "ok":
            assert kapott < 400 and "/belepes/" not in hely, f"{persona}: {kapott} {hely}"
        elif isinstance(elvart, tuple):
            assert kapott in elvart, f"{persona}: {kapott}"
        else:
            assert kapott == elvart, f"{persona}: {kapott}"
