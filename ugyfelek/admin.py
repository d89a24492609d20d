from django.contrib import admin

from core.admin_scoping import ScopedAdmin, ScopedTabularInline
from core.text import fold

from . import models as m


class HaztartasTagInline(ScopedTabularInline):
    model = m.HaztartasTag
    autocomplete_fields = ["ugyfel"]


class FoldedSearchMixin:
    """Admin search on the folded ``kereso_szoveg`` column: the term is folded the same way ("Kovács" = "kovacs")."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(m.Ugyfel)
class UgyfelAdmin(FoldedSearchMixin, ScopedAdmin):
    list_display = ["csaladi_nev", "utonev", "szuletesi_datum", "projekt", "mentor", "kilepes_datuma"]
    list_filter = ["projekt", "akcioteruleten_kivul", "nem", "munkaeropiaci_statusz"]
    list_select_related = ["projekt", "mentor"]
    search_fields = ["kereso_szoveg", "taj"]
    exclude = ["anonimizalva"]

    def save_model(self, request, obj, form, change):
        from .services import cim_besorolas

        cim_besorolas(obj)
        super().save_model(request, obj, form, change)


@admin.register(m.Haztartas)
class HaztartasAdmin(FoldedSearchMixin, ScopedAdmin):
    list_display = ["__str__", "cim", "projekt", "akcioterulet"]
    list_filter = ["projekt", "akcioteruleten_kivul"]
    list_select_related = ["projekt", "akcioterulet"]
    search_fields = ["kereso_szoveg"]
    inlines = [HaztartasTagInline]


class LatogatasTemaInline(ScopedTabularInline):
    model = m.LatogatasTema


class KovetoFeladatInline(ScopedTabularInline):
    model = m.KovetoFeladat


@admin.register(m.Latogatas)
class LatogatasAdmin(ScopedAdmin):
    list_display = ["idopont", "tipus", "szerzo", "ugyfel", "haztartas", "projekt"]
    list_filter = ["projekt", "tipus"]
    list_select_related = ["szerzo", "ugyfel", "haztartas", "projekt"]
    autocomplete_fields = ["ugyfel", "haztartas", "jelenlevok"]
    inlines = [LatogatasTemaInline, KovetoFeladatInline]


@admin.register(m.KovetoFeladat)
class KovetoFeladatAdmin(ScopedAdmin):
    list_display = ["leiras", "hatarido", "felelos", "kesz", "projekt"]
    list_filter = ["projekt", "kesz"]
    list_select_related = ["felelos", "projekt"]


class TervCelInline(ScopedTabularInline):
    model = m.TervCel


class FelulvizsgalatInline(ScopedTabularInline):
    model = m.Felulvizsgalat


@admin.register(m.FejlesztesiTerv)
class FejlesztesiTervAdmin(ScopedAdmin):
    list_display = ["__str__", "ugyfel", "haztartas", "keszult", "kovetkezo_felulvizsgalat", "projekt"]
    list_filter = ["projekt"]
    list_select_related = ["ugyfel", "haztartas", "projekt"]
    autocomplete_fields = ["ugyfel", "haztartas"]
    inlines = [TervCelInline, FelulvizsgalatInline]


@admin.register(m.KulonlegesAdat)
class KulonlegesAdatAdmin(ScopedAdmin):
    list_display = ["__str__", "modositva"]
    autocomplete_fields = ["ugyfel"]


@admin.register(m.Hozzajarulas)
class HozzajarulasAdmin(ScopedAdmin):
    list_display = ["ugyfel", "datum", "tajekoztato_verzio", "visszavonva"]
    list_select_related = ["ugyfel"]
    autocomplete_fields = ["ugyfel"]


@admin.action(description="Kiválasztott ügyfelek anonimizálása (nem vonható vissza)")
def anonimizalas(modeladmin, request, queryset):
    from .services import ugyfel_anonimizalas

    if not request.user.is_superuser:
        modeladmin.message_user(request, "Anonimizálni csak rendszergazda tud.", level="error")
        return
    darab = 0
    for ugyfel in queryset.filter(anonimizalva__isnull=True):
        ugyfel_anonimizalas(ugyfel=ugyfel)
        darab += 1
    modeladmin.message_user(request, f"{darab} ügyfél anonimizálva.")


UgyfelAdmin.actions = [anonimizalas]
