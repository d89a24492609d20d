# Sourced by backup.sh, restore.sh and restore_test.sh: settings and helpers.
# DATABASE_URL comes from the environment or from the service's env file
# (KAPOCS_ENV_FILE, default /etc/kapocs/kapocs.env).

KAPOCS_APP_DIR=${KAPOCS_APP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
KAPOCS_ENV_FILE=${KAPOCS_ENV_FILE:-/etc/kapocs/kapocs.env}
if [ -z "${DATABASE_URL:-}" ] && [ -r "$KAPOCS_ENV_FILE" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$KAPOCS_ENV_FILE"
  set +a
fi

hiba() { echo "HIBA: $*" >&2; exit 1; }

[ -n "${DATABASE_URL:-}" ] || hiba "DATABASE_URL nincs megadva (sem a környezetben, sem itt: $KAPOCS_ENV_FILE)."
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) hiba "DATABASE_URL nem PostgreSQL-adatbázis: ${DATABASE_URL%%:*}://..." ;;
esac

# DATABASE_URL split into server part, database name and query (?sslmode=...),
# so that the same server can be addressed with another database name.
_pg_url_alap=${DATABASE_URL%%\?*}
_pg_url_query=${DATABASE_URL#"$_pg_url_alap"}
_pg_szerver=${_pg_url_alap%/*}
KAPOCS_DB_NEV=${_pg_url_alap##*/}

# db_url NAME -> the connection URL of database NAME on the same server.
db_url() { printf '%s/%s%s' "$_pg_szerver" "$1" "$_pg_url_query"; }

# Client tools must not be older than the server (pg_dump refuses that).
pg_verzio_ellenorzes() {
  local szerver kliens
  szerver=$(psql "$(db_url "${1:-$KAPOCS_DB_NEV}")" -XAtqc 'SHOW server_version_num') || hiba "nem érem el a PostgreSQL-szervert."
  kliens=$(pg_dump --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
  [ "$kliens" -ge "$((szerver / 10000))" ] || hiba "pg_dump $kliens régebbi, mint a szerver ($((szerver / 10000))): telepítse a postgresql-client-$((szerver / 10000)) csomagot."
}
