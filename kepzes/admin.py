from django.contrib import admin

from core.admin_lista import GyorsListaMixin
from core.admin_scoping import ScopedAdmin, ScopedTabularInline

from . import models as m


@admin.register(m.Kepzes)
class KepzesAdmin(GyorsListaMixin, admin.ModelAdmin):
    list_display = ["nev", "tipus", "oraszam", "kepzo", "teljesitesi_arany"]
    search_fields = ["nev"]


class FoglalkozasInline(ScopedTabularInline):
    model = m.Foglalkozas


@admin.register(m.Csoport)
class CsoportAdmin(ScopedAdmin):
    list_display = ["__str__", "kepzes", "projekt", "kezdete", "vege"]
    list_filter = ["projekt", "kepzes"]
    list_select_related = ["kepzes", "projekt"]
    inlines = [FoglalkozasInline]


@admin.register(m.Beiratkozas)
class BeiratkozasAdmin(ScopedAdmin):
    list_display = ["ugyfel", "csoport", "statusz", "tanusitvany"]
    # Newest first, by id: the model's order (by the participant's name) sorted every project's rows for a page.
    ordering = ["-pk"]
    list_filter = ["statusz", "tanusitvany"]
    list_select_related = ["ugyfel", "csoport__kepzes"]
    autocomplete_fields = ["ugyfel"]


@admin.register(m.Jelenlet)
class JelenletAdmin(ScopedAdmin):
    list_display = ["ugyfel", "foglalkozas"]
    list_select_related = ["ugyfel", "foglalkozas__csoport__kepzes"]
    autocomplete_fields = ["ugyfel"]
