"""Sign-in hardening: lockout helpers for django-axes and the second-factor rule.

- ``AxesBackend`` counts failed sign-ins per user name and client address.
- ``kliens_ip`` finds the client address behind the reverse proxy.
- ``masodik_faktor_kell`` says who must pass a one-time password (admins and
  coordinators, when ``KAPOCS_OTP_KOTELEZO`` is on).
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

MUNKAMENET_BELEPES = "kapocs_belepes_ideje"
# When the session's expiry was last pushed ahead (core.middleware.MunkamenetKorlatMiddleware).
MUNKAMENET_FRISSITVE = "kapocs_frissitve"


class AxesBackend(AxesStandaloneBackend):
    """Axes' lockout check, for every sign-in that comes with a request.

    Axes refuses ``authenticate()`` calls without a request; those come only from
    code (the test client's ``login``, shell scripts), never from a sign-in
    form, so they are passed on to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def kliens_ip(request) -> str:
    """The client address: REMOTE_ADDR, or X-Forwarded-For as set by our own proxies.

    Each trusted proxy appends the address it saw, so the entry
    ``KAPOCS_PROXY_COUNT`` places from the right is the one our outermost proxy
    received the connection from; anything left of it may be forged.
    """
    darab = settings.KAPOCS_PROXY_COUNT
    tovabbitott = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if darab and tovabbitott:
        cimek = [c.strip() for c in tovabbitott.split(",") if c.strip()]
        if cimek:
            return cimek[-min(darab, len(cimek))]
    return request.META.get("REMOTE_ADDR", "")


def kliens_leiras(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes into the log about a client: the address and path, never the user name."""
    return f"ip={ip_address} path={path_info}"


def masodik_faktor_kell(user) -> bool:
    """Admins and coordinators need a one-time password, when the setting asks for it."""
    if not settings.KAPOCS_OTP_KOTELEZO or not user.is_authenticated:
        return False
    return user.is_superuser or user.koordinator()


@receiver(user_logged_in, dispatch_uid="kapocs_belepes_ideje")
def _belepes_ideje(sender, request, user, **kwargs):
    # The absolute session limit counts from here, and the idle expiry was set by this sign-in
    # (core.middleware.MunkamenetKorlatMiddleware).
    if request is not None and hasattr(request, "session"):
        most = timezone.now().timestamp()
        request.session[MUNKAMENET_BELEPES] = most
        request.session[MUNKAMENET_FRISSITVE] = most
