"""The production path: settings pass `check --deploy`, and a backup restores."""

import os
import secrets
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

PROJEKT = Path(__file__).resolve().parent.parent


def _futtat(parancs, env_plusz, timeout):
    # A clean production-like environment: nothing the test run itself set (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly rejects).
    kihagy = {"DATABASE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in kihagy}
    env.update(env_plusz)
    return subprocess.run(parancs, cwd=PROJEKT, env=env, capture_output=True, text=True, timeout=timeout)


def _szerver_url():
    """The test database's server, addressed through its maintenance database."""
    db = settings.DATABASES["default"]
    felhasznalo = quote(db.get("USER") or "postgres", safe="")
    jelszo = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{felhasznalo}{jelszo}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/postgres"


@pytest.mark.postgres
def test_restore_test_script_round_trips_the_demo_database():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL kell hozzá (DATABASE_URL).")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")):
        pytest.skip("A PostgreSQL kliensprogramjai (pg_dump, pg_restore, psql) hiányoznak.")
    eredmeny = _futtat(
        ["bash", "deploy/restore_test.sh"],
        {
            "DATABASE_URL": _szerver_url(),
            "KAPOCS_RT_NEV": f"kapocs_rt_{uuid.uuid4().hex[:10]}",
            "KAPOCS_PYTHON": sys.executable,
            "KAPOCS_ENV_FILE": "/nonexistent",
            "DJANGO_SETTINGS_MODULE": "tests.settings_gyors_jelszo",
        },
        timeout=600,
    )
    assert eredmeny.returncode == 0, eredmeny.stdout + eredmeny.stderr
    assert "minden tábla sorszáma egyezik" in eredmeny.stdout


def test_collectstatic_with_manifest_storage_uzem(tmp_path):
    """Production static files: every file a CSS/JS file refers to (source maps too) must exist."""
    eredmeny = _futtat(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "kapocs.example.hu",
            "STATIC_ROOT": str(tmp_path / "static"),
        },
        timeout=300,
    )
    assert eredmeny.returncode == 0, eredmeny.stdout + eredmeny.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/bootstrap.min.css" in manifest
    assert "css/kapocs.css" in manifest


@pytest.mark.parametrize("redis_url", ["", "redis://127.0.0.1:6379/3"])
def test_the_cache_is_per_process_unless_redis_url_shares_it(redis_url):
    """REDIS_URL selects Django's Redis cache (shared by every worker and server); without it, local memory."""
    kod = (
        "import django; django.setup(); from django.conf import settings; from django.core.cache import caches; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION', '')); "
        "print(type(caches['default']).__name__)"
    )
    eredmeny = _futtat(
        [sys.executable, "-c", kod], {"DJANGO_SETTINGS_MODULE": "config.settings", "REDIS_URL": redis_url}, timeout=60
    )
    assert eredmeny.returncode == 0, eredmeny.stderr
    backend, cache = eredmeny.stdout.split("\n")[:2]
    if redis_url:
        assert backend == f"django.core.cache.backends.redis.RedisCache {redis_url}" and cache == "RedisCache"
    else:
        assert backend.startswith("django.core.cache.backends.locmem.LocMemCache") and cache == "LocMemCache"
