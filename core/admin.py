"""Read-only admin screens of the change history and the access log.

Nobody edits or deletes a log entry: no add, change or delete permission,
even for superusers (on PostgreSQL the database refuses it as well).
"""

from django.contrib import admin

from .admin_lista import GyorsListaMixin
from .models import Hozzaferes, Valtozas


class NaploAdmin(GyorsListaMixin, admin.ModelAdmin):
    list_per_page = 100
    date_hierarchy = "idopont"
    list_select_related = ["felhasznalo"]
    search_fields = ["=objektum_id", "=ugyfel_id"]
    search_help_text = "Rekord vagy ügyfél azonosítója (pontos egyezés)."

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(Valtozas)
class ValtozasAdmin(NaploAdmin):
    list_display = ["idopont", "felhasznalo", "forras", "muvelet", "modell", "objektum_id", "ugyfel_id", "projekt_id"]
    list_filter = ["muvelet", "forras", "modell", ("felhasznalo", admin.RelatedOnlyFieldListFilter), "idopont"]
    readonly_fields = [f.name for f in Valtozas._meta.fields]


@admin.register(Hozzaferes)
class HozzaferesAdmin(NaploAdmin):
    list_display = ["idopont", "felhasznalo", "muvelet", "mit", "modell", "objektum_id", "ugyfel_id", "rekordok_szama"]
    list_filter = ["muvelet", "modell", ("felhasznalo", admin.RelatedOnlyFieldListFilter), "idopont"]
    readonly_fields = [f.name for f in Hozzaferes._meta.fields]
