from django.urls import path

from core.attendance import urlpatterns as kozos_utak

from . import selectors, views
from .forms import CsoportForm
from .jelenlet import FORRAS

app_name = "kepzes"

urlpatterns = [
    path("", views.KepzesListView.as_view(), name="kepzes_lista"),
    path("beiratkozas/<int:pk>/", views.BeiratkozasUpdateView.as_view(), name="beiratkozas_szerkesztes"),
    path("beiratkozas/<int:pk>/elvegezte/", views.beiratkozas_elvegezte_view, name="beiratkozas_elvegezte"),
    *kozos_utak(
        FORRAS, reszlet_sablon="kepzes/csoport_reszlet.html", reszlet_queryset=selectors.csoportok, urlap=CsoportForm
    ),
]
