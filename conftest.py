"""Persona fixtures shared by every app's tests.

Project A (Kaposvár-like) has a coordinator, a mentor and a report reader;
project B has its own mentor; ``admin`` is a superuser. ``vilag`` holds one
record of every kind in project A so that URL tests can build any URL.
"""

import pytest

from akcioterulet.models import Szerep
from core.testing import factories as f

pytest_plugins = ["core.testing.fixtures", "core.testing.bongeszo", "core.testing.verseny"]


@pytest.fixture
def projekt_a(db):
    return f.ProjektFactory(kod="TOP-6.9.1-16-KA1-2020-00001", telepules="Kaposvár")


@pytest.fixture
def projekt_b(db):
    return f.ProjektFactory(kod="TOP-6.9.1-16-KE1-2017-00001", telepules="Kecskemét")


def _tag(projekt, szerep, username):
    user = f.FelhasznaloFactory(username=username, last_name=username.capitalize())
    f.TagsagFactory(projekt=projekt, felhasznalo=user, szerep=szerep)
    return user


@pytest.fixture
def koordinator(projekt_a):
    return _tag(projekt_a, Szerep.KOORDINATOR, "koordinator_a")


@pytest.fixture
def mentor(projekt_a):
    return _tag(projekt_a, Szerep.MENTOR, "mentor_a")


@pytest.fixture
def olvaso(projekt_a):
    return _tag(projekt_a, Szerep.OLVASO, "olvaso_a")


@pytest.fixture
def mentor_b(projekt_b):
    return _tag(projekt_b, Szerep.MENTOR, "mentor_b")


@pytest.fixture
def admin_user(db):
    return f.FelhasznaloFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def client_as(client):
    """``client_as(user)`` -> the test client signed in as ``user``."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _gyors_jelszavak(settings):
    # Real hashers cost ~100 ms each; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _masodik_faktor_ki(settings):
    # The second factor is tested on its own (core/tests/test_belepes.py); elsewhere
    # force_login must be enough, whatever DEBUG the suite runs with.
    settings.KAPOCS_OTP_KOTELEZO = False


@pytest.fixture(autouse=True)
def _munkamenet_frissites_ritkan(settings):
    # The once-a-minute renewal of the session's expiry is tested on its own (core/tests/test_belepes.py);
    # elsewhere a test that runs past a minute must not see one request write the session and the next not.
    settings.KAPOCS_MUNKAMENET_FRISSITES_MP = 24 * 3600


@pytest.fixture(autouse=True)
def _media_ideiglenes(settings, tmp_path):
    # Uploaded files (photos) go to a per-test folder, never into the checkout.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _gyorsitotar_ures():
    # What a page kept under a project's data version (core.adatverzio) must not outlive its test:
    # the next test's database starts its versions again.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
