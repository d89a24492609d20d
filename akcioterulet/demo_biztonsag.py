"""Demo data: printed backup codes, so the demo admin and coordinators can pass the second factor.

With ``KAPOCS_OTP_KOTELEZO`` on (the default when ``DEBUG`` is off) admins and
coordinators need a one-time code after the password; a newcomer without an
authenticator app types one of these instead. Re-running prints the same
unused codes (new ones only when all are used up).
"""

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice

from core.masodik_faktor import TARTALEK_NEV, tartalek_kodok_letrehozasa

SORREND = 15
FELHASZNALOK = ["admin", "kaposvar_koordinator", "kecskemet_koordinator"]
DARAB = 5


def epit(stdout):
    for user in get_user_model().objects.filter(username__in=FELHASZNALOK).order_by("username"):
        device = StaticDevice.objects.filter(user=user, name=TARTALEK_NEV).first()
        kodok = list(device.token_set.order_by("id").values_list("token", flat=True)) if device else []
        if not kodok:
            kodok = tartalek_kodok_letrehozasa(user, darab=DARAB)
        stdout.write(f"Tartalék belépési kódok ({user.username}): {', '.join(kodok)}")
