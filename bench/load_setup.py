#!/usr/bin/env python
"""Sign the load-test users in over HTTP and write the wrk Lua script with their mixed workload.

    .venv/bin/python bench/load_setup.py --base http://127.0.0.1:8765 --out /tmp/kapocs_load.lua

Called by ``bench/load.sh`` once gunicorn is up. Mentors of the large project
(``bench_mentor01``..) and its coordinator sign in through the login form,
each getting a session cookie; every wrk request then picks one (user, URL)
pair of the mix: mentors search and list participants, open participant
pages, their home page, the visit form for a participant and their visit
list; coordinators open their home page, the report
and its drill-down. URL names come from ``bench/measure.py`` (``OLDALAK``),
so a page that is not merged yet is left out of the mix and named.
"""

import argparse
import http.cookies
import os
import random
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from akcioterulet.models import Felhasznalo  # noqa: E402
from bench.generate import BENCH_JELSZO  # noqa: E402
from bench.measure import OLDALAK, kontextus, oldal_url  # noqa: E402
from ugyfelek.models import Ugyfel  # noqa: E402

# The mix: (page key of OLDALAK or a special key, weight). Mentors make most requests, as in the field.
MENTOR_MIX = [
    ("lista", 3),
    ("kereses_nev", 4),
    ("kereses_taj", 1),
    ("reszlet", 6),
    ("mentor_kezdolap", 3),
    ("latogatas_uj_ugyfel", 2),
    ("latogatas_sajat", 1),
]
KOORDINATOR_MIX = [("koord_kezdolap", 2), ("jelentes", 2), ("lebontas", 2), ("lista", 1)]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sutik(valasz) -> dict:
    sutik = {}
    for fejlec in valasz.headers.get_all("Set-Cookie") or []:
        c = http.cookies.SimpleCookie()
        c.load(fejlec)
        sutik.update({k: m.value for k, m in c.items()})
    return sutik


def belep(base: str, username: str) -> str | None:
    """Log in through the form; the session cookie value, or None if the form did not let us in."""
    opener = urllib.request.build_opener(_NoRedirect)
    valasz = opener.open(f"{base}/belepes/", timeout=30)
    sutik = _sutik(valasz)
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', valasz.read().decode())
    if not m or "csrftoken" not in sutik:
        return None
    adat = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": m.group(1), "username": username, "password": BENCH_JELSZO}
    ).encode()
    keres = urllib.request.Request(
        f"{base}/belepes/",
        data=adat,
        headers={"Cookie": f"csrftoken={sutik['csrftoken']}", "Referer": f"{base}/belepes/"},
    )
    try:
        valasz = opener.open(keres, timeout=60)
    except urllib.error.HTTPError as e:  # the 302 after a successful login arrives as an "error" here
        valasz = e
    if valasz.status not in (302, 303):
        return None
    sutik.update(_sutik(valasz))
    # Does the home page send this user on to the second factor (coordinators in production)?
    keres = urllib.request.Request(f"{base}/", headers={"Cookie": f"sessionid={sutik.get('sessionid')}"})
    try:
        proba = opener.open(keres, timeout=60)
    except urllib.error.HTTPError as e:
        proba = e
    if proba.status in (302, 303) and "/azonositas/" in (proba.headers.get("Location") or ""):
        return masodik_faktor(opener, base, username, sutik)
    return sutik.get("sessionid")


_TARTALEK_KODOK: dict[str, list[str]] = {}


def masodik_faktor(opener, base: str, username: str, sutik: dict) -> str | None:
    """The second factor a coordinator is asked for in production: one of the user's single-use backup codes.

    A fresh set of backup codes is made for the user the first time (voiding earlier unused ones), as an
    administrator would print them; each session of the user spends one.
    """
    from core.masodik_faktor import tartalek_kodok_letrehozasa

    if not _TARTALEK_KODOK.get(username):
        _TARTALEK_KODOK[username] = tartalek_kodok_letrehozasa(Felhasznalo.objects.get(username=username), darab=50)
    url = f"{base}/azonositas/masodik-faktor/"
    suti = "; ".join(f"{k}={v}" for k, v in sutik.items())
    valasz = opener.open(urllib.request.Request(url, headers={"Cookie": suti}), timeout=30)
    sutik.update(_sutik(valasz))
    m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', valasz.read().decode())
    if not m:
        return None
    adat = urllib.parse.urlencode({"csrfmiddlewaretoken": m.group(1), "kod": _TARTALEK_KODOK[username].pop()})
    keres = urllib.request.Request(
        url,
        data=adat.encode(),
        headers={"Cookie": "; ".join(f"{k}={v}" for k, v in sutik.items()), "Referer": url},
    )
    try:
        valasz = opener.open(keres, timeout=30)
    except urllib.error.HTTPError as e:
        valasz = e
    if valasz.status not in (302, 303):
        return None
    sutik.update(_sutik(valasz))
    return sutik.get("sessionid")


def munkamenet_kozvetlenul(username: str) -> str:
    """Fallback when the form cannot be used (e.g. a second factor after merging): a session made in Django."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = Felhasznalo.objects.get(username=username)
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return s.session_key


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8765 (loopback only)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--mentors", type=int, default=15)
    parser.add_argument("--coordinators", type=int, default=5, help="sessions of the coordinator")
    parser.add_argument("--think", default="0", help='think time between requests in ms, e.g. "1000-3000"')
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("The load run targets loopback addresses only.")

    rnd = random.Random(20)
    ctx = kontextus()
    felhasznalok = [("mentor", f"bench_mentor{i + 1:02d}") for i in range(args.mentors)]
    felhasznalok += [("koordinator", "bench_koordinator")] * args.coordinators
    meglevo = set(
        Felhasznalo.objects.filter(username__in=[u for _, u in felhasznalok]).values_list("username", flat=True)
    )
    oldalak = {o.kulcs: o for o in OLDALAK}
    hianyzo, keresek, kozvetlen = set(), [], 0
    for szerep, username in felhasznalok:
        if username not in meglevo:
            continue
        suti = belep(args.base, username)
        if suti is None:
            suti = munkamenet_kozvetlenul(username)
            kozvetlen += 1
        user = Felhasznalo.objects.get(username=username)
        sajat = list(Ugyfel.objects.filter(mentor=user).values_list("pk", flat=True)[:50]) or [ctx["ugyfel"].pk]
        for kulcs, suly in MENTOR_MIX if szerep == "mentor" else KOORDINATOR_MIX:
            for _ in range(suly):
                helyi = dict(ctx, ugyfel=rnd.choice(sajat), nev=rnd.choice(["kovacs", "horvath ilona", "nagy", "olah"]))
                url = oldal_url(oldalak[kulcs], helyi)
                if url is None:
                    hianyzo.add(kulcs)
                    continue
                keresek.append((url, f"sessionid={suti}"))
    if not keresek:
        raise SystemExit("No request in the mix: is the benchmark dataset loaded?")
    sorok = ",\n".join(f'  {{"{u}", "{c}"}}' for u, c in keresek)
    lo, _, hi = (args.think or "0").partition("-")
    think = f"{int(lo)}, {int(hi or lo)}"
    Path(args.out).write_text(LUA.replace("--KERESEK--", sorok).replace("--THINK--", think))
    print(f"{len(keresek)} (user, URL) pairs for {len(felhasznalok)} users", file=sys.stderr)
    if kozvetlen:
        print(
            f"WARNING: {kozvetlen} sessions made directly in Django (the login form did not let us in)", file=sys.stderr
        )
    if hianyzo:
        print(f"not in the mix (URL not available yet): {', '.join(sorted(hianyzo))}", file=sys.stderr)


LUA = r"""-- Generated by bench/load_setup.py: a mixed mentor and coordinator workload with session cookies.
local keresek = {
--KERESEK--
}
local szalak = {}

function setup(thread)
  table.insert(szalak, thread)
end

function init(args)
  hibak = 0
  kodok = {}
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

-- Think time between a user's requests (THINK="lo-hi" in ms); "0" or unset: none, a closed loop at full speed.
local gondolkodas = {--THINK--}

function delay()
  if gondolkodas[2] and gondolkodas[2] > 0 then
    return math.random(gondolkodas[1], gondolkodas[2])
  end
  return 0
end

function request()
  local k = keresek[math.random(#keresek)]
  return wrk.format("GET", k[1], { ["Cookie"] = k[2] })
end

function response(status, headers, body)
  -- Only 200 counts as served: a 302 to the login page would be a silent failure.
  if status ~= 200 then
    hibak = hibak + 1
    kodok[status] = (kodok[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local hibas = 0
  local kodszoveg = ""
  for _, t in ipairs(szalak) do
    hibas = hibas + t:get("hibak")
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local n = summary.requests
  local mp = summary.duration / 1e6
  io.write("\n== Kapocs load run ==\n")
  io.write(string.format("requests          %d in %.1f s\n", n, mp))
  io.write(string.format("requests/s        %.1f\n", n / mp))
  io.write(string.format("latency p50       %.1f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p95       %.1f ms\n", latency:percentile(95) / 1000))
  io.write(string.format("latency p99       %.1f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("latency max       %.1f ms\n", latency.max / 1000))
  io.write(string.format("non-200 responses %d\n", hibas))
  io.write(string.format("socket errors     %d (connect %d, read %d, write %d, timeout %d)\n",
    socket, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("error rate        %.2f %%\n", 100 * (hibas + socket) / math.max(n, 1)))
end
"""


if __name__ == "__main__":
    main()
