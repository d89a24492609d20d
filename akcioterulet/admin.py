from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.admin_lista import GyorsListaMixin
from core.admin_scoping import ScopedAdmin, ScopedTabularInline

from .models import AkcioTerulet, Felhasznalo, Projekt, Tagsag, UtcaSzakasz


class TagsagInline(ScopedTabularInline):
    model = Tagsag
    autocomplete_fields = ["felhasznalo"]


class AkcioTeruletInline(ScopedTabularInline):
    model = AkcioTerulet
    show_change_link = True


class UtcaSzakaszInline(ScopedTabularInline):
    model = UtcaSzakasz


@admin.register(Felhasznalo)
class FelhasznaloAdmin(GyorsListaMixin, UserAdmin):
    list_display = ["username", "last_name", "first_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "last_name", "first_name", "email"]


@admin.register(Projekt)
class ProjektAdmin(ScopedAdmin):
    list_display = ["kod", "telepules", "kezdete", "vege", "adatmegorzes_vege"]
    search_fields = ["kod", "cim", "telepules"]
    inlines = [AkcioTeruletInline, TagsagInline]


@admin.register(AkcioTerulet)
class AkcioTeruletAdmin(ScopedAdmin):
    list_display = ["nev", "projekt"]
    list_filter = ["projekt"]
    list_select_related = ["projekt"]
    inlines = [UtcaSzakaszInline]


@admin.register(Tagsag)
class TagsagAdmin(ScopedAdmin):
    list_display = ["felhasznalo", "projekt", "szerep"]
    list_filter = ["projekt", "szerep"]
    list_select_related = ["felhasznalo", "projekt"]
