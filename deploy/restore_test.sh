#!/usr/bin/env bash
# Proves that a backup can be restored: dumps a database with pg_dump (as
# backup.sh does), restores it into a fresh database with restore.sh and
# compares the row count of every table. Exit code 0 only if all are equal.
#
#   deploy/restore_test.sh                 # builds a fresh demo database first
#   deploy/restore_test.sh --source kapocs # an existing database (run it when
#                                          # nobody works: rows written meanwhile
#                                          # show up as differences)
#   deploy/restore_test.sh --keep          # keep the databases for inspection
#
# DATABASE_URL names the server and a database to connect to for CREATE/DROP
# DATABASE; the role needs CREATEDB (e.g. run it as the postgres user:
# sudo -u postgres env DATABASE_URL=postgresql:///postgres deploy/restore_test.sh).
# The throwaway databases are called KAPOCS_RT_NEV_forras / _cel
# (default kapocs_restore_test_<pid>) and are dropped at the end.
set -euo pipefail
. "$(dirname "$0")/_env.sh"
cd "$KAPOCS_APP_DIR"

python=${KAPOCS_PYTHON:-}
if [ -z "$python" ]; then
  for p in .venv/bin/python /srv/kapocs/venv/bin/python python3; do
    if command -v "$p" >/dev/null 2>&1; then python=$p; break; fi
  done
fi

forras=""
megtart=0
while [ $# -gt 0 ]; do
  case "$1" in
    --source) forras=${2:?}; shift ;;
    --keep) megtart=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) hiba "ismeretlen kapcsoló: $1" ;;
  esac
  shift
done

nev=${KAPOCS_RT_NEV:-kapocs_restore_test_$$}
[[ "$nev" =~ ^[a-z0-9_]+$ ]] || hiba "KAPOCS_RT_NEV csak kisbetűt, számot és _ jelet tartalmazhat."
cel=${nev}_cel
sajat_forras=0
if [ -z "$forras" ]; then
  forras=${nev}_forras
  sajat_forras=1
fi
munka=$(mktemp -d)
dump="$munka/mentes.dump"

sql() { psql "$DATABASE_URL" -XAtq -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
takaritas() {
  rm -rf "$munka"
  [ "$megtart" = 1 ] && { echo "Megtartva: $forras, $cel"; return; }
  sql "DROP DATABASE IF EXISTS \"$cel\"" || true
  if [ "$sajat_forras" = 1 ]; then sql "DROP DATABASE IF EXISTS \"$forras\"" || true; fi
}
trap takaritas EXIT

pg_verzio_ellenorzes

if [ "$sajat_forras" = 1 ]; then
  echo "== Demó adatbázis: $forras"
  sql "CREATE DATABASE \"$forras\""
  # A throwaway database: no need to wait for the disk on every commit of the demo build.
  sql "ALTER DATABASE \"$forras\" SET synchronous_commit = off"
  DATABASE_URL_FORRAS=$(db_url "$forras")
  # demo_adatok refuses to run with DEBUG off; this database is thrown away at the end.
  export DEBUG=1
  DATABASE_URL=$DATABASE_URL_FORRAS "$python" manage.py migrate --noinput -v 0
  if DATABASE_URL=$DATABASE_URL_FORRAS "$python" manage.py help demo_adatok >/dev/null 2>&1; then
    DATABASE_URL=$DATABASE_URL_FORRAS "$python" manage.py demo_adatok
  else
    # Until the demo command exists: a few rows of the main tables.
    echo "(a demo_adatok parancs nincs meg: mintaadatok)"
    DATABASE_URL=$DATABASE_URL_FORRAS "$python" manage.py shell -v 0 -c "$(cat deploy/restore_test_minta.py)"
  fi
fi

# Row count of every table in the public schema, one "table|count" line each.
sorszamok() {
  psql "$(db_url "$1")" -XAtq -v ON_ERROR_STOP=1 -c "
    SELECT table_name || '|' || (xpath('/row/n/text()',
             query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
      FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
     ORDER BY table_name"
}

echo "== Mentés: pg_dump $forras"
pg_dump --format=custom --no-owner --no-privileges --file="$dump" "$(db_url "$forras")"
sorszamok "$forras" >"$munka/forras.txt"

echo "== Visszaállítás: $cel"
sql "CREATE DATABASE \"$cel\""
DATABASE_URL=$(db_url "$cel") "$(dirname "$0")/restore.sh" "$dump" >/dev/null
sorszamok "$cel" >"$munka/cel.txt"

tablak=$(wc -l <"$munka/forras.txt")
sorok=$(awk -F'|' '{s += $2} END {print s + 0}' "$munka/forras.txt")
if ! diff -u "$munka/forras.txt" "$munka/cel.txt"; then
  echo "HIBA: a visszaállított adatbázis sorszámai eltérnek (fent: tábla|sorok, - eredeti, + visszaállított)." >&2
  exit 1
fi
if [ "$tablak" -eq 0 ] || [ "$sorok" -eq 0 ]; then
  echo "HIBA: az eredeti adatbázis üres ($tablak tábla, $sorok sor): nincs mit összevetni." >&2
  exit 1
fi
echo "Rendben: $tablak tábla, összesen $sorok sor, minden tábla sorszáma egyezik."
