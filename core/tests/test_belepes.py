"""Sign-in hardening: lockout, second factor, session limits, security headers, error pages."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.masodik_faktor import tartalek_kodok_letrehozasa
from core.signin import MUNKAMENET_BELEPES, kliens_ip

JELSZO = "titkos-jelszo-123"


def _belep(client, username, jelszo, **extra):
    return client.post(reverse("login"), {"username": username, "password": jelszo}, **extra)


def test_five_failures_lock_the_user_name_and_address_for_15_minutes(client, mentor):
    for _ in range(4):
        assert _belep(client, mentor.username, "rossz-jelszo-999").status_code == 200
    assert _belep(client, mentor.username, "rossz-jelszo-999").status_code == 429
    resp = _belep(client, mentor.username, JELSZO)
    assert resp.status_code == 429
    assert "Belépés átmenetileg letiltva" in resp.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address may still sign in as the same user.
    resp = _belep(client, mentor.username, JELSZO, REMOTE_ADDR="10.9.9.9")
    assert resp.status_code == 302


def test_lockout_ends_after_the_cooloff(client, mentor):
    for _ in range(5):
        _belep(client, mentor.username, "rossz-jelszo-999")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _belep(client, mentor.username, JELSZO).status_code == 302


def test_client_address_comes_from_the_trusted_proxy_entry(rf, settings):
    settings.KAPOCS_PROXY_COUNT = 1
    req = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert kliens_ip(req) == "203.0.113.7"  # the forged left entry is ignored
    settings.KAPOCS_PROXY_COUNT = 0
    assert kliens_ip(req) == "127.0.0.1"


def test_short_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Rovid-jel1")


def test_coordinator_must_pass_the_second_factor_when_required(client, koordinator, settings):
    settings.KAPOCS_OTP_KOTELEZO = True
    client.force_login(koordinator)
    resp = client.get(reverse("ugyfelek:ugyfel_lista"))
    assert resp.status_code == 302 and reverse("otp_beallitas") in resp["Location"]
    # Enrolment: the QR code is a data: image, then the first code confirms the device.
    resp = client.get(reverse("otp_beallitas"))
    assert resp.status_code == 200 and 'src="data:image/svg+xml;base64,' in resp.content.decode()
    device = TOTPDevice.objects.get(user=koordinator)
    kod = f"{totp(device.bin_key):06d}"
    resp = client.post(reverse("otp_beallitas"), {"kod": kod, "next": reverse("ugyfelek:ugyfel_lista")})
    assert resp.status_code == 302
    assert client.get(reverse("ugyfelek:ugyfel_lista")).status_code == 200


def test_backup_code_lets_the_coordinator_in_once(client, koordinator, settings):
    settings.KAPOCS_OTP_KOTELEZO = True
    kod = tartalek_kodok_letrehozasa(koordinator)[0]
    client.force_login(koordinator)
    resp = client.get(reverse("kezdolap"))
    assert reverse("otp_ellenorzes") in resp["Location"]
    assert client.post(reverse("otp_ellenorzes"), {"kod": kod}).status_code == 302
    assert client.get(reverse("kezdolap")).status_code == 200
    # Used up: a new session cannot reuse it.
    client.logout()
    client.force_login(koordinator)
    resp = client.post(reverse("otp_ellenorzes"), {"kod": kod})
    assert resp.status_code == 200


def test_mentor_needs_no_second_factor(client, mentor, settings):
    settings.KAPOCS_OTP_KOTELEZO = True
    client.force_login(mentor)
    assert client.get(reverse("ugyfelek:ugyfel_lista")).status_code == 200


def test_admin_site_is_behind_the_second_factor(client, admin_user, settings):
    settings.KAPOCS_OTP_KOTELEZO = True
    client.force_login(admin_user)
    resp = client.get("/admin/")
    assert resp.status_code == 302 and reverse("otp_beallitas") in resp["Location"]


def test_second_factor_is_off_by_default_in_tests():
    # conftest switches it off; production default is "not DEBUG".
    assert django_settings.KAPOCS_OTP_KOTELEZO is False


def test_session_is_idle_limited_to_30_minutes(client, mentor):
    from django.contrib.sessions.models import Session

    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(mentor)
    client.get(reverse("kezdolap"))
    # A request pushes the expiry 30 minutes ahead...
    session = Session.objects.get(session_key=client.session.session_key)
    hatra = (session.expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < hatra <= 30 * 60
    # ...and a session idle for longer is gone.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    resp = client.get(reverse("ugyfelek:ugyfel_lista"))
    assert resp.status_code == 302 and "/belepes/" in resp["Location"]


def test_session_expiry_is_renewed_at_most_once_a_minute(client, mentor, settings):
    """The idle expiry moves ahead without a database write on every page view."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(mentor)
    settings.KAPOCS_MUNKAMENET_FRISSITES_MP = 60
    client.get(reverse("kezdolap"))  # the sign-in has just set the expiry
    kulcs = client.session.session_key
    korabbi = timezone.now() + datetime.timedelta(minutes=20)
    Session.objects.filter(session_key=kulcs).update(expire_date=korabbi)

    # Within the minute: the session is read, not written, and keeps its expiry.
    with CaptureQueriesContext(connection) as lekerdezesek:
        assert client.get(reverse("ugyfelek:ugyfel_lista")).status_code == 200
    assert not [q for q in lekerdezesek.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert Session.objects.get(session_key=kulcs).expire_date == korabbi

    # A minute after the last renewal the next request pushes the expiry 30 minutes ahead again.
    settings.KAPOCS_MUNKAMENET_FRISSITES_MP = 0
    client.get(reverse("ugyfelek:ugyfel_lista"))
    hatra = (Session.objects.get(session_key=kulcs).expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < hatra <= 30 * 60


def test_session_ends_12_hours_after_sign_in(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("kezdolap")).status_code == 200
    session = client.session
    session[MUNKAMENET_BELEPES] = (timezone.now() - datetime.timedelta(hours=12, minutes=1)).timestamp()
    session.save()
    resp = client.get(reverse("ugyfelek:ugyfel_lista"))
    assert resp.status_code == 302 and "/belepes/" in resp["Location"]
    assert "_auth_user_id" not in client.session


def test_deactivated_user_is_signed_out(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("ugyfelek:ugyfel_lista")).status_code == 200
    mentor.is_active = False
    mentor.save()
    resp = client.get(reverse("ugyfelek:ugyfel_lista"))
    assert resp.status_code == 302 and "/belepes/" in resp["Location"]


def test_logout_ends_the_session(client, mentor):
    client.force_login(mentor)
    client.post(reverse("logout"))
    assert client.get(reverse("ugyfelek:ugyfel_lista")).status_code == 302


def test_security_headers(client, mentor):
    resp = client.get(reverse("login"))
    csp = resp["Content-Security-Policy"]
    for resz in (
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
    ):
        assert resz in csp
    assert "unsafe-inline" not in csp
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["Referrer-Policy"] == "same-origin"
    client.force_login(mentor)
    resp = client.get(reverse("ugyfelek:ugyfel_lista"))
    assert "no-store" in resp["Cache-Control"]
    assert "Content-Security-Policy" in resp


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    gyoker = Path(django_settings.BASE_DIR)
    hibak = []
    for fajl in gyoker.glob("**/templates/**/*.html"):
        if ".venv" in fajl.parts:
            continue
        szoveg = fajl.read_text()
        if "<script>" in szoveg or 'style="' in szoveg or " onclick=" in szoveg or "<style" in szoveg:
            hibak.append(str(fajl.relative_to(gyoker)))
    assert not hibak, f"Inline szkript vagy stílus (a CSP tiltja): {hibak}"


def test_500_page_shows_no_traceback(client, settings):
    from django.urls import path

    settings.DEBUG = False

    def hibas(request):
        raise RuntimeError("belső-titok-részlet")

    import config.urls

    settings.ROOT_URLCONF = type("U", (), {"urlpatterns": [path("hiba/", hibas), *config.urls.urlpatterns]})
    client.raise_request_exception = False
    resp = client.get("/hiba/")
    assert resp.status_code == 500
    szoveg = resp.content.decode()
    assert "Váratlan hiba történt" in szoveg
    assert "Traceback" not in szoveg and "belső-titok-részlet" not in szoveg and "RuntimeError" not in szoveg
