"""Pagination that stays fast on a national installation (hundreds of thousands of rows, millions of visits).

Django's ``Paginator`` counts every matching row and fetches the page as
``ORDER BY ... OFFSET n LIMIT 25`` over the full rows. On large lists both
grow with the data: the count reads every row, and a deep page sorts every
wide row (on disk once past ``work_mem``). ``GyorsPaginator``

- counts at most ``korlat`` rows (``SELECT COUNT(*) FROM (... LIMIT korlat + 1)``),
  so the count costs the same for 10,000 or 1,000,000 matches; past the
  limit the page says "több mint 10 000" and the last pages beyond it are
  not offered (nobody pages past the 400th page: they narrow the search);
- fetches a page in two steps: the 25 ids in list order (a narrow sort,
  or an index-only scan), then those rows with their joins. The rows are
  read by id from ``sorok`` when a view gives it (the list's scoped queryset
  before its filters): the ids already carry the filters, and a search
  condition repeated next to 25 ids can lead PostgreSQL to run the search
  again (a trigram scan of thousands of rows) rather than 25 look-ups.

The number of queries is constant: one count, one for the ids, one for the
rows, whatever the size of the data.

With ``idk`` (a queryset of the matching rows' ids in list order: flat, or rows whose first column is the id,
as a UNION ordered by a column it must select) the count and the ids are read from it instead of
``object_list``: from another table's index that answers the filters by itself (the visit list under a topic
reads them from the topics' copies of their visit's project and time), or from a union of searches that
orders its own rows (under a name). The rows are read by those ids from ``sorok`` (or ``object_list`` without
it), which must be scoped: an id the user may not see names no row.

With ``elore`` (a number of pages) the count and the page's ids are one query:
the ids in list order up to ``elore`` pages past the page asked for (at most
``korlat``). Page 1 then reads 25 x (1 + ``elore``) ids and says "több mint
250" where there are more; each page further on reads further. For lists whose
filters make every matching row expensive to find (a join per row, a union of
searches), where counting to ``korlat`` on every page would cost more than the
page itself.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format


class GyorsPaginator(Paginator):
    korlat = 10_000

    def __init__(
        self,
        object_list,
        per_page,
        orphans=0,
        allow_empty_first_page=True,
        *,
        korlat=None,
        sorok=None,
        elore=None,
        idk=None,
    ):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        if korlat is not None:
            self.korlat = korlat
        # Where a page's rows are read from by id; it must be scoped as ``object_list`` is.
        self.sorok = sorok
        # Where the count and a page's ids are read from, when not from ``object_list``.
        self.id_forras = idk
        # At least one page ahead, or the last page counted would offer no next one.
        self.elore = None if elore is None else max(elore, 1)
        self._idk = None  # with ``elore``: the ids in list order, read with the count
        self._kert_oldal = 1

    def validate_number(self, number):
        # The page asked for, before the count that depends on it (``elore``).
        if self.elore is not None and "count" not in self.__dict__:
            try:
                self._kert_oldal = max(int(number), 1)
            except (TypeError, ValueError):
                pass  # Django's own check below says what is wrong with it
        return super().validate_number(number)

    def _idk_olvasasa(self, szelet: slice) -> list:
        if self.id_forras is None:
            return list(self.object_list.values_list("pk", flat=True)[szelet])
        return [sor[0] if isinstance(sor, tuple) else sor for sor in self.id_forras[szelet]]

    @cached_property
    def count(self):
        if not isinstance(self.object_list, QuerySet):
            return super().count
        if self.elore is not None:
            hatar = min(self.korlat, (self._kert_oldal + self.elore) * self.per_page)
            self._idk = self._idk_olvasasa(slice(hatar + 1))
            self.pontos = len(self._idk) <= hatar
            return min(len(self._idk), hatar)
        # Ordering is useless for a count and would force a sort inside the subquery; so are the
        # annotations of the shown rows (a sliced count keeps them in its subquery otherwise).
        szamolt = self.object_list.order_by().values("pk") if self.id_forras is None else self.id_forras.order_by()
        n = szamolt[: self.korlat + 1].count()
        self.pontos = n <= self.korlat
        return min(n, self.korlat)

    # Set by ``count``: False when there are more rows than ``korlat``.
    pontos = True

    @property
    def talalatok(self) -> str:
        """The number of matches for display: exact, or "több mint 10 000" past the limit."""
        n = self.count
        return (
            number_format(n, force_grouping=True)
            if self.pontos
            else f"több mint {number_format(n, force_grouping=True)}"
        )

    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count and self.pontos:
            top = self.count
        if self._idk is not None:
            idk = self._idk[bottom:top]
        else:
            idk = self._idk_olvasasa(slice(bottom, top))
        forras = self.object_list if self.sorok is None else self.sorok
        sorok = {obj.pk: obj for obj in forras.filter(pk__in=idk)} if idk else {}
        return self._get_page([sorok[pk] for pk in idk if pk in sorok], number, self)
