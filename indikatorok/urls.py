from django.urls import path

from .views import adatminoseg, celertek, export, jelentes, lista

app_name = "indikatorok"

urlpatterns = [
    path("", jelentes.jelentes_index, name="jelentes_index"),
    path("<int:pk>/", jelentes.jelentes, name="jelentes"),
    path("<int:pk>/lista/<str:kulcs>/", lista.lista, name="lista"),
    path("<int:pk>/jelentes.xlsx", export.jelentes_xlsx, name="jelentes_xlsx"),
    path("<int:pk>/esf-resztvevok.xlsx", export.esf_xlsx, name="esf_xlsx"),
    path("<int:pk>/esf-resztvevok.csv", export.esf_csv, name="esf_csv"),
    path("<int:pk>/celertekek/", celertek.celertek_lista, name="celertek_lista"),
    path("<int:pk>/celertekek/uj/", celertek.celertek_uj, name="celertek_uj"),
    path("celertek/<int:pk>/szerkesztes/", celertek.celertek_szerkesztes, name="celertek_szerkesztes"),
    path("celertek/<int:pk>/torles/", celertek.celertek_torles, name="celertek_torles"),
    path("adatminoseg/", adatminoseg.adatminoseg_index, name="adatminoseg_index"),
    path("adatminoseg/<int:pk>/", adatminoseg.adatminoseg, name="adatminoseg"),
]
