#!/usr/bin/env bash
# Restores a backup made by backup.sh into the database of DATABASE_URL.
#
#   systemctl stop kapocs
#   sudo -u kapocs deploy/restore.sh /var/backups/kapocs/kapocs-20261124-023000.dump --clean
#   sudo -u kapocs deploy/manage.sh migrate      # only if the code is newer than the backup
#   systemctl start kapocs
#
# Into an empty database it restores as it is; a database that already has
# tables is only overwritten with --clean (its objects are dropped first).
# The restore runs in one transaction: on any error nothing is changed.
# Uploaded files: tar -C "$MEDIA_ROOT" -xzf kapocs-media-....tar.gz
set -euo pipefail
. "$(dirname "$0")/_env.sh"

fajl=""
clean=""
for arg in "$@"; do
  case "$arg" in
    --clean) clean="--clean --if-exists" ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) fajl=$arg ;;
  esac
done
[ -n "$fajl" ] || hiba "adja meg a mentés fájlját: $0 FÁJL.dump [--clean]"
[ -r "$fajl" ] || hiba "a mentés nem olvasható: $fajl"
pg_restore --list "$fajl" >/dev/null || hiba "nem pg_dump (custom) formátumú mentés: $fajl"
pg_verzio_ellenorzes

tablak=$(psql "$DATABASE_URL" -XAtqc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tablak" -gt 0 ] && [ -z "$clean" ]; then
  hiba "a(z) $KAPOCS_DB_NEV adatbázisban már $tablak tábla van; felülírni a --clean kapcsolóval lehet."
fi

# --no-owner/--no-privileges: the objects belong to the role that restores,
# so a backup of one server can be restored on another with another role name.
# shellcheck disable=SC2086
pg_restore --dbname="$DATABASE_URL" --no-owner --no-privileges --single-transaction --exit-on-error $clean "$fajl"
echo "Visszaállítva: $fajl -> $KAPOCS_DB_NEV"

# The restored database may repeat data versions that pages were kept under before (core/adatverzio.py):
# a shared cache (REDIS_URL) is emptied; a process's own cache empties when the service starts again.
if [ -n "${REDIS_URL:-}" ]; then
  python=${KAPOCS_PYTHON:-/srv/kapocs/venv/bin/python}
  [ -x "$python" ] || python="$KAPOCS_APP_DIR/.venv/bin/python"
  "$python" "$KAPOCS_APP_DIR/manage.py" shell -v 0 -c "from django.core.cache import cache; cache.clear()" \
    || hiba "a mentés visszaállt, de a gyorsítótár ürítése nem sikerült: futtassa kézzel (deploy/README.md)."
  echo "A közös gyorsítótár (REDIS_URL) kiürítve."
fi
