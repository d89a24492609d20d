"""gunicorn configuration for Kapocs.

    gunicorn -c deploy/gunicorn.conf.py

Every value can be overridden from the environment (systemd reads them from
/etc/kapocs/kapocs.env), so the file itself stays the same on every server.
"""

import multiprocessing
import os


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "config.wsgi:application"

# nginx talks to gunicorn on the loopback interface (or a unix socket:
# GUNICORN_BIND=unix:/run/kapocs/gunicorn.sock).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Sync workers: the app is database-bound and short requests dominate. The
# classic 2 x CPU + 1, capped so a large machine does not exhaust the
# PostgreSQL connection limit (each worker keeps one connection, CONN_MAX_AGE).
workers = _env_int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 12))
threads = _env_int("GUNICORN_THREADS", 1)

# Excel imports and the indicator export may take a while on a big project;
# anything slower than this is a bug and the worker is restarted.
timeout = _env_int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Only the reverse proxy may tell gunicorn the request came in over HTTPS
# (X-Forwarded-Proto); list the load balancer's addresses here when it is
# not on the same machine, e.g. "10.0.0.5,10.0.0.6".
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat file on tmpfs: a disk-backed /tmp can block workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# The runtime control socket would be created under $HOME, which the systemd
# unit makes read-only; it is not needed for systemctl reload/restart.
control_socket_disable = True

# Logs go to stdout/stderr, i.e. the journal (journalctl -u kapocs).
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Path only (%(U)s), never the query string: search terms are people's names.
# No client address, referer (it carries query strings) or user agent either:
# who looked at which participant is recorded by the app's own access log.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'

proc_name = "kapocs"
