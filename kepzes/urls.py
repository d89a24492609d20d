from django.urls import path

from core import attendance

from . import views
from .jelenlet import FORRAS

app_name = "kepzes"

urlpatterns = [
    path("", views.KepzesListView.as_view(), name="kepzes_lista"),
    path("<int:kepzes>/uj-csoport/", views.CsoportUrlapView.as_view(), name="csoport_uj"),
    path("csoport/<int:pk>/", views.CsoportDetailView.as_view(), name="csoport_reszlet"),
    path("csoport/<int:pk>/szerkesztes/", views.CsoportUrlapView.as_view(), name="csoport_szerkesztes"),
    path("beiratkozas/<int:pk>/", views.BeiratkozasUpdateView.as_view(), name="beiratkozas_szerkesztes"),
    path("beiratkozas/<int:pk>/elvegezte/", views.beiratkozas_elvegezte_view, name="beiratkozas_elvegezte"),
    *attendance.urlpatterns(FORRAS),
]
