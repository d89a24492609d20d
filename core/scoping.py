"""Project scoping: the one way records are restricted to what a user may see.

Every model that holds data of a project gets a queryset built on
``ScopedQuerySet`` and names the path from itself to its ``Projekt`` in
``projekt_path``. ``for_user(user)`` is then the only filter views, admin,
form choice fields, exports, imports and reports use.

Roles (``akcioterulet.Szerep``): the coordinator and the mentor see the
personal data of their projects; the report reader (olvasó) sees none of it,
so a personal-data queryset is empty for a reader. Superusers see everything.
"""

from django.db import models
from django.db.models.functions import Cast

# Roles that may see the personal data of a project.
SZEMELYES_SZEREPEK = ("koordinator", "mentor")


class ScopedQuerySet(models.QuerySet):
    """A queryset whose rows belong to one project each, reachable by ``projekt_path``."""

    projekt_path = "projekt"
    # Personal data are hidden from report readers; aggregate-only models set False.
    szemelyes = True

    def for_user(self, user, *, szerepek=None):
        """Rows of the projects where ``user`` has one of ``szerepek``.

        Default roles: coordinator and mentor for personal data, every role
        for aggregate-only models.
        """
        projekt_idk = self._lathato_projektek(user, szerepek)
        if projekt_idk is None:
            return self
        if not projekt_idk:
            return self.none()
        if len(projekt_idk) == 1:
            # One project (most users): ``= <id>::bigint``, typed as the column is, so that an index of the project
            # and a search text (``btree_gin``, whose operators take no integer for a bigint) can use it; ``IN (1)``
            # compares with an integer.
            return self.filter(**{self.projekt_path: Cast(models.Value(projekt_idk[0]), models.BigIntegerField())})
        return self.filter(**{f"{self.projekt_path}__in": projekt_idk})

    def _lathato_projektek(self, user, szerepek) -> list[int] | None:
        """The ids of the projects ``for_user`` keeps rows of (None: every project; empty: none)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return []
        if user.is_superuser:
            return None
        if szerepek is None:
            szerepek = SZEMELYES_SZEREPEK if self.szemelyes else None
        return user.projekt_idk(szerepek)

    def for_user_sql(self, user, tabla: str, *, szerepek=None) -> tuple[str, list]:
        """``for_user``'s condition for a written-out statement: (SQL, parameters) on the project column of ``tabla``
        (the table's name or alias in the statement), the same rows as ``for_user(user, szerepek=szerepek)``.

        For a model whose project is a column of its own table (``projekt_path`` without a join). The column is
        named in quotes, as Django names it (a kept part's watcher, ``core.adatverzio.Figyelo``, reads the names).
        """
        if "__" in self.projekt_path:
            raise ValueError(f"{self.model.__name__}: a projekt útja ({self.projekt_path}) nem a tábla oszlopa.")
        projekt_idk = self._lathato_projektek(user, szerepek)
        if projekt_idk is None:
            return "1 = 1", []
        if not projekt_idk:
            return "1 = 0", []
        oszlop = self.model._meta.get_field(self.projekt_path).column
        return f'"{tabla}"."{oszlop}" IN ({", ".join(["%s"] * len(projekt_idk))})', list(projekt_idk)

    def for_projekt(self, projekt):
        return self.filter(**{self.projekt_path: projekt})


def scoped_manager(projekt_path="projekt", *, szemelyes=True, base=ScopedQuerySet):
    """A manager whose queryset is scoped through ``projekt_path``."""
    qs_class = type(
        "ScopedQuerySet_" + projekt_path.replace("__", "_"),
        (base,),
        {"projekt_path": projekt_path, "szemelyes": szemelyes},
    )
    return qs_class.as_manager()
