"""Admin classes that apply the project scoping to changelists, forms and choice fields."""

from django.contrib import admin

from .admin_lista import GyorsListaMixin, ProjektSzuro


class ScopedAdminMixin:
    """Non-superusers see and choose only the records of their own projects."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.for_user(request.user)

    def _scoped(self, db_field, request, kwargs):
        if request.user.is_superuser:
            return kwargs
        related = db_field.related_model._default_manager.all()
        if hasattr(related, "for_user"):
            kwargs["queryset"] = related.for_user(request.user)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._scoped(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._scoped(db_field, request, kwargs))


class ScopedAdmin(ScopedAdminMixin, GyorsListaMixin, admin.ModelAdmin):
    # A filtered list counts its matches only, not every row of the table as well (a million visits).
    show_full_result_count = False

    class Media:
        css = {"all": ["css/admin_szuro.css"]}

    def get_list_filter(self, request):
        # The project filter: a drop-down of the user's own projects (``ProjektSzuro``).
        return [
            ("projekt", ProjektSzuro) if szuro == "projekt" else szuro for szuro in super().get_list_filter(request)
        ]


class ScopedTabularInline(ScopedAdminMixin, admin.TabularInline):
    extra = 0
