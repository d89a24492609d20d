"""Production settings pass Django's deployment checks without a single warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

KESZ = Path(settings.BASE_DIR)


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=KESZ,
        # A deployment's environment: the browser tests' async-safety switch must not leak into it.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_debug_off():
    titok = secrets.token_urlsafe(50)[:50]
    eredmeny = _manage("check", "--deploy", DEBUG="0", SECRET_KEY=titok, ALLOWED_HOSTS="example.org")
    kimenet = eredmeny.stdout + eredmeny.stderr
    assert eredmeny.returncode == 0, kimenet
    assert "WARNING" not in kimenet.upper() and "System check identified no issues" in kimenet, kimenet


def test_production_refuses_to_start_without_secret_key():
    eredmeny = _manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="example.org")
    assert eredmeny.returncode != 0
    assert "SECRET_KEY" in eredmeny.stderr
