#!/usr/bin/env bash
# Nightly backup of the Kapocs database (and the uploaded files).
#
#   deploy/backup.sh            # as the kapocs user, e.g. from cron:
#   30 2 * * * kapocs /srv/kapocs/app/deploy/backup.sh
#
# Writes BACKUP_DIR/kapocs-YYYYmmdd-HHMMSS.dump (pg_dump custom format: compressed,
# restorable table by table with pg_restore) and, when MEDIA_ROOT has files,
# kapocs-media-YYYYmmdd-HHMMSS.tar.gz; deletes the ones older than
# BACKUP_KEEP_DAYS days. The files hold personal data: the folder is private
# to the owner, and copies that leave the machine must be encrypted.
set -euo pipefail
. "$(dirname "$0")/_env.sh"

BACKUP_DIR=${BACKUP_DIR:-/var/backups/kapocs}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-30}
umask 077
mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"
pg_verzio_ellenorzes

belyeg=$(date +%Y%m%d-%H%M%S)
cel="$BACKUP_DIR/kapocs-$belyeg.dump"
# Written under a temporary name first, so a half-written dump is never taken
# for a good one (by the retention below or by someone restoring in a hurry).
pg_dump --format=custom --compress=6 --no-owner --no-privileges \
  --file="$cel.part" "$DATABASE_URL"
pg_restore --list "$cel.part" >/dev/null # the archive is readable
mv "$cel.part" "$cel"
echo "Adatbázis-mentés: $cel ($(du -h "$cel" | cut -f1))"

if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  media="$BACKUP_DIR/kapocs-media-$belyeg.tar.gz"
  tar -C "$MEDIA_ROOT" -czf "$media.part" . && mv "$media.part" "$media"
  echo "Feltöltött fájlok: $media ($(du -h "$media" | cut -f1))"
fi

# Retention: older backups go; the newest one always stays, whatever its age.
legujabb=$(ls -1t "$BACKUP_DIR"/kapocs-*.dump | head -n 1)
find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'kapocs-*.dump' -o -name 'kapocs-media-*.tar.gz' -o -name '*.part' \) \
  -mtime +"$BACKUP_KEEP_DAYS" ! -path "$legujabb" -print -delete | sed 's/^/Törölve (régi): /'
