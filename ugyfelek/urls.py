from django.urls import path

from .views import haztartas, importalas, ugyfel

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
    # Import of participant lists (issue 6).
    path("import/", importalas.import_feltoltes, name="import"),
    path("import/sablon/", importalas.import_sablon, name="import_sablon"),
    path("import/<int:pk>/megerosites/", importalas.import_megerosites, name="import_megerosites"),
    path("import/<int:pk>/megszakitas/", importalas.import_megszakitas, name="import_megszakitas"),
]
