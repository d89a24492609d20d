"""The admin's change lists on a national installation: a count that stops, and rows drawn without a template each.

A superuser's list of visits spans a million rows. Django's admin counts every row of the list (28 ms for the
visits) and draws each row's selection checkbox through the form widget's template (a template render per row:
10-14 ms of a 50-row page). Here

- the count stops at ``AdminPaginator.korlat`` rows, as the app's own lists do (``core.pagination``): past it the
  list says "több mint 10 000" (``admin/pagination.html``), pages past the 400th are not offered, and the actions
  bar does not offer to select every row of the list (``admin/actions.html``): an action on more rows than were
  counted would act on rows nobody saw the number of. A filter narrows the list to a counted one;
- the checkbox is written in Python, in the markup the widget's template writes (a test compares them).
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class AdminPaginator(Paginator):
    korlat = 10_000
    # Set by ``count``: False when the list has more rows than ``korlat``.
    pontos = True

    @cached_property
    def count(self):
        if not isinstance(self.object_list, QuerySet):
            return super().count
        # Neither the ordering nor the related rows of the shown page change the number of rows.
        n = self.object_list.order_by().values("pk")[: self.korlat + 1].count()
        self.pontos = n <= self.korlat
        return min(n, self.korlat)

    @property
    def talalatok(self) -> str:
        """The number of rows for display: exact, or "több mint 10 000" past the limit."""
        n = number_format(self.count, force_grouping=True)
        return n if self.pontos else f"több mint {n}"


class GyorsListaMixin:
    """For a ``ModelAdmin``: 50 rows a page, the capped count and the checkbox written in Python."""

    # Django's 100 rows took twice the time to draw (the users' list: 55 ms a page, of it 30 ms the rows).
    list_per_page = 50
    paginator = AdminPaginator

    def action_checkbox(self, obj):
        # As ``ModelAdmin.action_checkbox`` renders it through ``django/forms/widgets/input.html``.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


class ProjektSzuro(admin.RelatedFieldListFilter):
    """The project filter of an admin list: a drop-down of the user's projects with a button, not a link per project.

    A national programme's staff have 300 projects: as links, the sidebar was 300 entries long and took a fifth of
    the page (6 ms of 29). The drop-down keeps the list's other filters, its search and its order (hidden fields),
    and changes the list only when its button is pressed (no navigation on a change of the selection: a keyboard
    user moves through the options freely). Its options are the user's own projects (``for_user``), not every
    project of the installation.
    """

    template = "admin/projekt_szuro.html"

    def field_choices(self, field, request, model_admin):
        from akcioterulet.models import Projekt

        # As ``str(Projekt)`` writes them, from two columns rather than 300 model instances.
        return [
            (pk, f"{kod} – {telepules}")
            for pk, kod, telepules in Projekt.objects.for_user(request.user)
            .order_by("kod")
            .values_list("pk", "kod", "telepules")
        ]

    def choices(self, changelist):
        # One entry: what the template draws.
        valasztott = str(self.lookup_val[0]) if self.lookup_val else ""
        kihagyott = {self.lookup_kwarg, self.lookup_kwarg_isnull}
        yield {
            "mezo": self.lookup_kwarg,
            "megtartott": [
                (nev, ertek)
                for nev, ertekek in changelist.filter_params.items()
                if nev not in kihagyott
                for ertek in ertekek
            ],
            # 300 options: escaped and joined, not a format_html() each.
            "opciok": mark_safe(
                "".join(
                    f'<option value="{pk}"{" selected" if str(pk) == valasztott else ""}>{escape(cimke)}</option>'
                    for pk, cimke in self.lookup_choices
                )
            ),
        }
