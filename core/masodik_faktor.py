"""Second factor pages: verify a one-time password, enrol an authenticator app, print backup codes.

Admins and coordinators are sent here by ``core.middleware.MasodikFaktorMiddleware``
when ``KAPOCS_OTP_KOTELEZO`` is on. Codes come from a TOTP app (django-otp's
TOTP device) or from printed single-use backup codes (its static device);
both devices throttle repeated wrong guesses.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_NEV = "Hitelesítő alkalmazás"
TARTALEK_NEV = "Tartalék kódok"
TARTALEK_DARAB = 10


class KodForm(forms.Form):
    kod = forms.CharField(
        label="Egyszer használatos kód",
        max_length=16,
        help_text="A hitelesítő alkalmazás 6 jegyű kódja vagy egy nyomtatott tartalék kód.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def clean_kod(self):
        return self.cleaned_data["kod"].replace(" ", "").strip()


def _tovabb(request):
    cel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(cel, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return cel
    return "kezdolap"


def tartalek_kodok_letrehozasa(user, *, darab=TARTALEK_DARAB) -> list[str]:
    """A new set of single-use backup codes for ``user`` (earlier unused codes are void)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=TARTALEK_NEV, defaults={"confirmed": True})
    device.token_set.all().delete()
    kodok = [StaticToken.random_token() for _ in range(darab)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=k) for k in kodok)
    return kodok


@login_required
def otp_ellenorzes(request):
    if request.user.is_verified():
        return redirect(_tovabb(request))
    if not any(devices_for_user(request.user, confirmed=True)):
        return redirect("otp_beallitas")
    form = KodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["kod"])
        if device is not None:
            otp_login(request, device)
            return redirect(_tovabb(request))
        form.add_error("kod", "A kód érvénytelen vagy lejárt. Próbálja újra néhány másodperc múlva.")
    return render(request, "core/otp_ellenorzes.html", {"form": form, "next": _tovabb(request)})


def _qr_data_uri(szoveg: str) -> str:
    # An <img> with a data: URI: no inline script and no third-party QR service.
    kep = qrcode.make(szoveg, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buf = io.BytesIO()
    kep.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@login_required
def otp_beallitas(request):
    """Enrol an authenticator app: scan the QR code, confirm with the first code."""
    user = request.user
    if not user.is_verified() and any(devices_for_user(user, confirmed=True)):
        # Someone holding only the password must not add a device of their own.
        return redirect("otp_ellenorzes")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NEV, confirmed=False)
    form = KodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["kod"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "A hitelesítő alkalmazást beállítottuk.")
            return redirect(_tovabb(request))
        form.add_error("kod", "A kód nem egyezik. Ellenőrizze a telefon óráját, és írja be a következő kódot.")
    kulcs = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "core/otp_beallitas.html",
        {
            "form": form,
            "qr": _qr_data_uri(device.config_url),
            "kulcs": " ".join(kulcs[i : i + 4] for i in range(0, len(kulcs), 4)),
            "next": _tovabb(request),
        },
    )


@login_required
@require_POST
def otp_tartalek(request):
    """A fresh sheet of backup codes, shown once (only after passing the second factor)."""
    if not request.user.is_verified():
        return redirect("otp_ellenorzes")
    kodok = tartalek_kodok_letrehozasa(request.user)
    return render(request, "core/otp_tartalek.html", {"kodok": kodok})
