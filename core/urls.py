from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from .attendance import kozelgo_alkalmak_view

urlpatterns = [
    path("belepes/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("kilepes/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akadalymentesseg/",
        TemplateView.as_view(template_name="akadalymentessegi_nyilatkozat.html"),
        name="akadalymentesseg",
    ),
    path("alkalmak/", kozelgo_alkalmak_view, name="alkalmak"),
]
