from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django_otp import devices_for_user

from .audit import audit_context
from .models import Valtozas
from .signin import MUNKAMENET_BELEPES, MUNKAMENET_FRISSITVE, masodik_faktor_kell


class AuditContextMiddleware:
    """Attributes the writes of a request to its user: admin screens or the app's forms."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forras = Valtozas.Forras.ADMIN if request.path.startswith("/admin/") else Valtozas.Forras.URLAP
        # The user is resolved lazily, so unauthenticated requests cost nothing here.
        with audit_context(felhasznalo=_LazyUser(request), forras=forras):
            return self.get_response(request)


class _LazyUser:
    """Resolves ``request.user`` only when an audit entry is written."""

    def __init__(self, request):
        self._request = request

    def _user(self):
        return getattr(self._request, "user", None)

    @property
    def is_authenticated(self):
        user = self._user()
        return bool(user and user.is_authenticated)

    def __getattr__(self, name):
        return getattr(self._user(), name)


class BiztonsagiFejlecMiddleware:
    """Content-Security-Policy on every response; ``Cache-Control: no-store`` once signed in.

    Pages of a signed-in user hold personal data: no browser or proxy may keep
    a copy (the back button on a shared office computer).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.KAPOCS_CSP)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class MunkamenetKorlatMiddleware:
    """Ends a session after 30 minutes idle and 12 hours after sign-in, whatever the activity.

    The idle limit is the session's expiry (``SESSION_COOKIE_AGE``) pushed ahead by a save. A save on
    every request would write the session row on every page view; the expiry is renewed instead when
    the last renewal is ``KAPOCS_MUNKAMENET_FRISSITES_MP`` seconds old, so a session ends between
    29 and 30 minutes after its last request, never later. A deactivated user is signed out by
    Django itself (the auth backend returns no inactive user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            most = timezone.now().timestamp()
            belepes = request.session.get(MUNKAMENET_BELEPES)
            if belepes is None:
                request.session[MUNKAMENET_BELEPES] = most
            elif most - belepes > settings.KAPOCS_MUNKAMENET_MAX_ORA * 3600:
                logout(request)
                messages.info(request, "A munkamenete lejárt, kérjük, jelentkezzen be újra.")
                return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        # request.user again: a sign-out during the request leaves nobody to keep signed in.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            most = timezone.now().timestamp()
            elavult = most - request.session.get(MUNKAMENET_FRISSITVE, 0) >= settings.KAPOCS_MUNKAMENET_FRISSITES_MP
            if elavult or request.session.modified:
                # Modified: SessionMiddleware saves the session, and with it the new expiry.
                request.session[MUNKAMENET_FRISSITVE] = most
        return response


class MasodikFaktorMiddleware:
    """Admins and coordinators reach nothing but the second-factor pages until they pass it."""

    SZABAD_NEVEK = {"otp_ellenorzes", "otp_beallitas", "logout", "akadalymentesseg"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and masodik_faktor_kell(user) and not user.is_verified():
            # Static files never get here (WhiteNoise answers them earlier).
            try:
                nev = resolve(request.path_info).url_name
            except Resolver404:
                nev = None
            if nev not in self.SZABAD_NEVEK:
                cel = "otp_ellenorzes" if any(devices_for_user(user, confirmed=True)) else "otp_beallitas"
                return redirect(f"{reverse(cel)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
