from django.contrib import admin

from core.admin_scoping import ScopedAdmin, ScopedTabularInline

from . import models as m


class AlkalomInline(ScopedTabularInline):
    model = m.Alkalom


@admin.register(m.Program)
class ProgramAdmin(ScopedAdmin):
    list_display = ["nev", "tipus", "projekt"]
    list_filter = ["projekt", "tipus"]
    list_select_related = ["projekt"]
    inlines = [AlkalomInline]


@admin.register(m.Jelentkezes)
class JelentkezesAdmin(ScopedAdmin):
    date_hierarchy = "datum"
    list_display = ["ugyfel", "program", "datum", "kivetel_indoklas"]
    # Newest first, by id: the model's order (by the participant's name) sorted every project's rows for a page.
    ordering = ["-pk"]
    list_select_related = ["ugyfel", "program"]
    autocomplete_fields = ["ugyfel"]
    search_fields = ["ugyfel__csaladi_nev", "ugyfel__utonev", "program__nev"]


@admin.register(m.Reszvetel)
class ReszvetelAdmin(ScopedAdmin):
    autocomplete_fields = ["ugyfel"]
    list_display = ["ugyfel", "alkalom", "rogzitette"]
    list_select_related = ["ugyfel", "alkalom__program", "rogzitette"]


@admin.register(m.Fenykep)
class FenykepAdmin(ScopedAdmin):
    list_display = ["__str__", "alkalom", "hozzajarultak"]
    list_select_related = ["alkalom__program"]
