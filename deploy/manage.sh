#!/usr/bin/env bash
# manage.py with the service's settings: sudo -u kapocs deploy/manage.sh migrate
set -euo pipefail
app=$(cd "$(dirname "$0")/.." && pwd)
set -a
# shellcheck disable=SC1090
. "${KAPOCS_ENV_FILE:-/etc/kapocs/kapocs.env}"
set +a
python=${KAPOCS_PYTHON:-/srv/kapocs/venv/bin/python}
[ -e "$python" ] || [ -n "${KAPOCS_PYTHON:-}" ] || python="$app/.venv/bin/python"
[ -x "$python" ] || { echo "HIBA: a Python nem futtatható: $python (KAPOCS_PYTHON)" >&2; exit 1; }
exec "$python" "$app/manage.py" "$@"
