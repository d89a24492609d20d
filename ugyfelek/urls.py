from django.urls import path

from .views import adatvedelem, feladat, haztartas, importalas, latogatas, terv, ugyfel

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
    # Mentoring: the case log, follow-ups, development plans.
    path("kereses/", latogatas.kereses, name="kereses"),
    path("latogatasok/", latogatas.LatogatasListView.as_view(), name="latogatas_lista"),
    path("latogatasok/export/", latogatas.latogatas_export, name="latogatas_export"),
    path("latogatasok/uj/", latogatas.LatogatasSzerkesztoView.as_view(), name="latogatas_uj"),
    path("latogatasok/<int:pk>/", latogatas.LatogatasDetailView.as_view(), name="latogatas_reszlet"),
    path(
        "latogatasok/<int:pk>/szerkesztes/", latogatas.LatogatasSzerkesztoView.as_view(), name="latogatas_szerkesztes"
    ),
    path("feladatok/", feladat.FeladatListView.as_view(), name="feladat_lista"),
    path("feladatok/<int:pk>/kesz/", feladat.feladat_kesz, name="feladat_kesz"),
    path("<int:ugyfel_pk>/terv/uj/", terv.TervSzerkesztoView.as_view(), name="terv_uj"),
    path("haztartasok/<int:haztartas_pk>/terv/uj/", terv.TervSzerkesztoView.as_view(), name="haztartas_terv_uj"),
    path("tervek/<int:pk>/", terv.TervDetailView.as_view(), name="terv_reszlet"),
    path("tervek/<int:pk>/szerkesztes/", terv.TervSzerkesztoView.as_view(), name="terv_szerkesztes"),
    path("tervek/<int:pk>/nyomtatas/", terv.TervNyomtatasView.as_view(), name="terv_nyomtatas"),
    path("tervek/<int:pk>/felulvizsgalat/", terv.FelulvizsgalatView.as_view(), name="felulvizsgalat_uj"),
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
    # Import of participant lists (issue 6).
    path("import/", importalas.import_feltoltes, name="import"),
    path("import/sablon/", importalas.import_sablon, name="import_sablon"),
    path("import/<int:pk>/megerosites/", importalas.import_megerosites, name="import_megerosites"),
    path("import/<int:pk>/megszakitas/", importalas.import_megszakitas, name="import_megszakitas"),
]
