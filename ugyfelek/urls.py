from django.urls import path

from .views import adatvedelem, haztartas, ugyfel

app_name = "ugyfelek"

urlpatterns = [
    path("", ugyfel.UgyfelListView.as_view(), name="ugyfel_lista"),
    path("uj/", ugyfel.UgyfelCreateView.as_view(), name="ugyfel_uj"),
    path("<int:pk>/", ugyfel.UgyfelDetailView.as_view(), name="ugyfel_reszlet"),
    path("<int:pk>/szerkesztes/", ugyfel.UgyfelUpdateView.as_view(), name="ugyfel_szerkesztes"),
    path("<int:pk>/kilepes/", ugyfel.UgyfelKilepesView.as_view(), name="ugyfel_kilepes"),
    path("<int:pk>/torles/", ugyfel.UgyfelDeleteView.as_view(), name="ugyfel_torles"),
    path("haztartasok/", haztartas.HaztartasListView.as_view(), name="haztartas_lista"),
    path("haztartasok/uj/", haztartas.HaztartasCreateView.as_view(), name="haztartas_uj"),
    path("haztartasok/<int:pk>/", haztartas.HaztartasDetailView.as_view(), name="haztartas_reszlet"),
    path("haztartasok/<int:pk>/szerkesztes/", haztartas.HaztartasUpdateView.as_view(), name="haztartas_szerkesztes"),
    path("haztartasok/<int:pk>/uj-tag/", haztartas.HaztartasTagCreateView.as_view(), name="haztartas_tag_uj"),
    path("haztartastag/<int:pk>/kikoltozes/", haztartas.haztartastag_kilep_view, name="haztartastag_kilep"),
]

# Privacy screens (issue 9).
urlpatterns += [
    path("<int:pk>/naplo/", adatvedelem.UgyfelNaploView.as_view(), name="ugyfel_naplo"),
    path("<int:pk>/kulonleges-adatok/", adatvedelem.kulonleges_adat, name="kulonleges_adat"),
    path("<int:pk>/hozzajarulasok/", adatvedelem.hozzajarulasok, name="hozzajarulas_lista"),
    path("<int:pk>/hozzajarulasok/nyomtatvany/", adatvedelem.hozzajarulas_nyomtatvany, name="hozzajarulas_nyomtatvany"),
    path(
        "hozzajarulas/<int:pk>/visszavonas/", adatvedelem.hozzajarulas_visszavonas_view, name="hozzajarulas_visszavonas"
    ),
    path("<int:pk>/adatkikeres/", adatvedelem.ugyfel_adatkikeres, name="ugyfel_adatkikeres"),
]
