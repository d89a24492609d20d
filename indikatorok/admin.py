from django.contrib import admin

from core.admin_scoping import ScopedAdmin, ScopedTabularInline

from . import models as m


class MerfoldkoInline(ScopedTabularInline):
    model = m.Merfoldko


@admin.register(m.Celertek)
class CelertekAdmin(ScopedAdmin):
    list_display = ["__str__", "projekt", "mutato", "ertek", "hatarido"]
    list_filter = ["projekt"]
    list_select_related = ["projekt"]
    inlines = [MerfoldkoInline]
