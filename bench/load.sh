#!/usr/bin/env bash
# Load run: gunicorn on 127.0.0.1 with production settings, wrk with 20 concurrent users
# (mentors and coordinators of the large project, each with its own session), a bounded duration.
# Prints requests/s, p50, p95, p99 and the error rate (any answer but 200 counts as an error).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapocs_bench bash bench/load.sh
#
# Environment: USERS (20), THINK (0, e.g. 1000-3000 ms), DURATION (30s), WORKERS (4), THREADS (2), PORT (a free one),
# WRK_THREADS (2), FRONT ("none"; "nginx": as deployed, nginx in front of gunicorn run with deploy/gunicorn.conf.py,
# i.e. sync workers, 2 x CPUs + 1; WORKERS and THREADS are then ignored), WRITE_S (0; e.g. 1: during the measured
# run one committed write every that many seconds in the large project, which raises the data versions of what it
# writes, so the pages recount the parts that read it: core.adatverzio), WRITE (latogatas: a colleague's visit
# recorded as the visit form does, bench/valtozas.py; ugyfel: a participant's phone number; nev: a participant's name; haztartas: a
# household's name changed by plain SQL).
# Needs the Debian package wrk (apt-get install wrk), for FRONT=nginx also nginx, and the dataset of bench/generate.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
USERS=${USERS:-20}
DURATION=${DURATION:-30s}
WORKERS=${WORKERS:-4}
THREADS=${THREADS:-2}
szabad_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# A free loopback port unless one is given (another server may already listen on a usual one).
PORT=${PORT:-$(szabad_port)}
WRK_THREADS=${WRK_THREADS:-2}
# Think time of each user between two requests, in ms ("1000-3000": uniform in that range). 0: none, every user
# asks again the moment an answer arrives (a closed loop at full speed: the machine's saturation, not its users).
THINK=${THINK:-0}
FRONT=${FRONT:-none}
WRITE_S=${WRITE_S:-0}
WRITE=${WRITE:-latogatas}
BASE="http://127.0.0.1:${PORT}"
# gunicorn's own address: behind nginx a port of its own, otherwise the one wrk talks to.
APP_PORT=$PORT
if [ "$FRONT" = "nginx" ]; then APP_PORT=$(szabad_port); fi

if [ -z "${DATABASE_URL:-}" ]; then
  echo "Set DATABASE_URL to the benchmark database (see bench/README.md)." >&2
  exit 2
fi
if ! command -v wrk >/dev/null; then
  echo "wrk is missing: apt-get install -y wrk" >&2
  exit 2
fi
if [ "$FRONT" = "nginx" ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is missing: apt-get install -y nginx-light" >&2
  exit 2
fi

WORK=$(mktemp -d)
GUNICORN_PID=""
NGINX_PID=""
WRITER_PID=""
cleanup() {
  if [ -n "$WRITER_PID" ]; then kill "$WRITER_PID" 2>/dev/null || true; fi
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID"
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP_LOG:-}" ]; then cp "$WORK/gunicorn.log" "$KEEP_LOG" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Production settings, minus TLS (loopback has none): manifest static files, DEBUG off.
export DEBUG=0
export SECRET_KEY="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=0
export SECURE_HSTS_SECONDS=0
export STATIC_ROOT="$WORK/static"
export LOG_LEVEL=WARNING
export DJANGO_SETTINGS_MODULE=config.settings
$PY manage.py collectstatic --noinput -v0

GUNICORN_NAPLO=(--access-logfile - --log-level warning --access-logformat '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)s')
if [ "$FRONT" = "nginx" ]; then
  echo "gunicorn: deploy/gunicorn.conf.py (sync workers) on 127.0.0.1:$APP_PORT, nginx in front on $BASE"
  $PY -m gunicorn -c deploy/gunicorn.conf.py --bind "127.0.0.1:${APP_PORT}" "${GUNICORN_NAPLO[@]}" \
    >"$WORK/gunicorn.log" 2>&1 &
else
  echo "gunicorn: $WORKERS workers x $THREADS threads on $BASE"
  # --keep-alive 30: a user's connection outlives the think time (wrk reuses one connection per user; in
  # production nginx holds the browsers' connections and its own to gunicorn).
  $PY -m gunicorn config.wsgi:application --bind "127.0.0.1:${APP_PORT}" --workers "$WORKERS" \
    --threads "$THREADS" --worker-class gthread --keep-alive 30 "${GUNICORN_NAPLO[@]}" \
    >"$WORK/gunicorn.log" 2>&1 &
fi
GUNICORN_PID=$!
if [ "$FRONT" = "nginx" ]; then
  # As deploy/nginx/kapocs.conf proxies, without TLS: keep-alive to the browsers and to gunicorn, buffered answers.
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    keepalive_timeout 75s;
    upstream kapocs_app { server 127.0.0.1:$APP_PORT; keepalive 16; }
    server {
        listen 127.0.0.1:$PORT;
        location / {
            proxy_pass http://kapocs_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_buffers 16 64k;
        }
    }
}
NGINX
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$WORK/nginx.conf" -e "$WORK/nginx/error.log" &
  NGINX_PID=$!
fi
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null "$BASE/belepes/"; then break; fi
  sleep 0.5
done
if ! kill -0 "$GUNICORN_PID" 2>/dev/null || ! curl -fs -o /dev/null "$BASE/belepes/"; then
  echo "gunicorn did not start (is port $PORT taken?):" >&2
  cat "$WORK/gunicorn.log" >&2
  [ -f "$WORK/nginx/error.log" ] && cat "$WORK/nginx/error.log" >&2
  exit 1
fi

MENTORS=$((USERS * 3 / 4))
$PY bench/load_setup.py --base "$BASE" --out "$WORK/mix.lua" --mentors "$MENTORS" --coordinators $((USERS - MENTORS)) \
  --think "$THINK"

# A short warm-up so every worker has its connection and templates loaded.
# Without think time, so that every worker thread has served requests before the measured run.
sed 's/^local gondolkodas = {.*}$/local gondolkodas = {0, 0}/' "$WORK/mix.lua" >"$WORK/warm.lua"
wrk -t "$WRK_THREADS" -c "$USERS" -d 5s -s "$WORK/warm.lua" "$BASE" >/dev/null
# CPU seconds used by the gunicorn workers: a figure a busy machine cannot inflate the way it inflates latency.
worker_cpu() {
  # Live workers' user+system time, plus that of the workers already replaced (max_requests): the kernel
  # adds a reaped child's time to its parent's cutime+cstime.
  local tick total pid
  tick=$(getconf CLK_TCK)
  total=$(awk '{print $16 + $17}' "/proc/$GUNICORN_PID/stat")
  for pid in $(pgrep -P "$GUNICORN_PID"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total $tick"
}
read -r CPU0 TICK < <(worker_cpu)
LOG0=$(wc -l <"$WORK/gunicorn.log")
if [ "$WRITE_S" != "0" ]; then
  if [ "$WRITE" = "haztartas" ]; then
    # A household's name of the large project changed by plain SQL (a trailing "*" added, then removed).
    LARGE=$(psql "$DATABASE_URL" -Atc "SELECT projekt_id FROM ugyfelek_ugyfel GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    (
      while true; do
        psql "$DATABASE_URL" -qc "UPDATE ugyfelek_haztartas SET nev = CASE WHEN nev LIKE '%*' THEN rtrim(nev, '*') ELSE nev || '*' END WHERE id = (SELECT min(id) FROM ugyfelek_haztartas WHERE projekt_id = $LARGE)" >/dev/null
        sleep "$WRITE_S"
      done
    ) &
  else
    # As the app writes it (bench/valtozas.py): a colleague's visit, or a participant's record edited.
    $PY bench/valtozas.py "$WRITE" "$WRITE_S" &
  fi
  WRITER_PID=$!
  echo "writes: one committed change ($WRITE) in the large project every $WRITE_S s"
fi
echo "wrk: $USERS connections (one per user), think time ${THINK} ms, $DURATION, $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t "$WRK_THREADS" -c "$USERS" -d "$DURATION" --timeout 10s --latency -s "$WORK/mix.lua" "$BASE" | tee "$WORK/wrk.txt"
if [ -n "$WRITER_PID" ]; then
  kill "$WRITER_PID" 2>/dev/null || true
  wait "$WRITER_PID" 2>/dev/null || true  # the visit writer deletes its visits when it stops
  WRITER_PID=""
fi

read -r CPU1 _ < <(worker_cpu)
N=$(awk '/requests in/ {print $1; exit}' "$WORK/wrk.txt")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="$CPU0" -v b="$CPU1" -v t="$TICK" -v n="$N" \
  'BEGIN { printf "app CPU per request %.1f ms (gunicorn workers, user+system, %d requests)\n", (b - a) / t * 1000 / n, n }'


# Per-URL kind, measured run only: requests, status, and the server's own time (gunicorn's %(M)s, ms): median, p95.
echo
echo "== measured run by path kind (gunicorn access log: count, status, server median / p95 ms) =="
tail -n +"$((LOG0 + 1))" "$WORK/gunicorn.log" | $PY -c '
import re, statistics, sys
kinds = {}
for line in sys.stdin:
    m = re.search(r"\"GET ([^ ?]+)\S* HTTP/[^\"]*\" (\d+) \S+ (\d+)$", line.strip())
    if m:
        kinds.setdefault((re.sub(r"\d+", "N", m[1]), m[2]), []).append(int(m[3]))
for (path, status), ms in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
    ms.sort()
    print(f"{len(ms):6d}  {status}  {statistics.median(ms):7.0f}  {ms[int(0.95 * (len(ms) - 1))]:7.0f}  {path}")
'
