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
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if szerepek is None:
            szerepek = SZEMELYES_SZEREPEK if self.szemelyes else None
        projekt_idk = user.projekt_idk(szerepek)
        if not projekt_idk:
            return self.none()
        if len(projekt_idk) == 1:
            # One project (most users): ``= <id>::bigint``, typed as the column is, so that an index of the project
            # and a search text (``btree_gin``, whose operators take no integer for a bigint) can use it; ``IN (1)``
            # compares with an integer.
            return self.filter(**{self.projekt_path: Cast(models.Value(projekt_idk[0]), models.BigIntegerField())})
        return self.filter(**{f"{self.projekt_path}__in": projekt_idk})

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
