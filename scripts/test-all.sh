#!/usr/bin/env bash
# Runs the suite on SQLite, then on PostgreSQL when one is reachable.
# With CI=true PostgreSQL and Chromium are mandatory: their absence fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
CI=${CI:-false}

# Browser tests need the system Chromium.
if [ -x /usr/bin/chromium ]; then
  export KAPOCS_CHROMIUM=/usr/bin/chromium
elif [ "$CI" = "true" ]; then
  echo "HIBA: a Chromium böngésző (/usr/bin/chromium) hiányzik, a böngészős tesztek nem futhatnak." >&2
  exit 1
fi

echo "== SQLite =="
( unset DATABASE_URL; $PY -m pytest -q -n "${PYTEST_WORKERS:-2}" "$@" )

PG_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kapocs}
if $PY - "$PG_URL" <<'PYEOF'
import sys, psycopg2, dj_database_url
cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg2.connect(dbname="postgres", user=cfg["USER"] or "postgres", password=cfg["PASSWORD"] or None,
                     host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, connect_timeout=3).close()
except Exception as e:
    print(e, file=sys.stderr); sys.exit(1)
PYEOF
then
  echo "== PostgreSQL =="
  # The browser journeys already ran against SQLite; on PostgreSQL run the rest.
  DATABASE_URL=$PG_URL $PY -m pytest -q -n "${PYTEST_WORKERS:-2}" -m "not browser" "$@"
elif [ "$CI" = "true" ]; then
  echo "HIBA: PostgreSQL nem érhető el ($PG_URL), CI-ben kötelező." >&2
  exit 1
else
  echo "PostgreSQL nem érhető el, a PostgreSQL-futás kimarad (CI-ben kötelező)."
fi
