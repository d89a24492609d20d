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

from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import format_html
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
    """For a ``ModelAdmin``: the capped count and the checkbox written in Python."""

    paginator = AdminPaginator

    def action_checkbox(self, obj):
        # As ``ModelAdmin.action_checkbox`` renders it through ``django/forms/widgets/input.html``.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
