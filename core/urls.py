from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from . import masodik_faktor
from .attendance import kozelgo_alkalmak_view

urlpatterns = [
    path("belepes/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("kilepes/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akadalymentesseg/",
        TemplateView.as_view(template_name="akadalymentessegi_nyilatkozat.html"),
        name="akadalymentesseg",
    ),
    # Second factor (issue 9).
    path("azonositas/masodik-faktor/", masodik_faktor.otp_ellenorzes, name="otp_ellenorzes"),
    path("azonositas/hitelesito-beallitasa/", masodik_faktor.otp_beallitas, name="otp_beallitas"),
    path("azonositas/tartalek-kodok/", masodik_faktor.otp_tartalek, name="otp_tartalek"),
    path("alkalmak/", kozelgo_alkalmak_view, name="alkalmak"),
]
