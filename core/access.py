"""View mixins that apply the project scoping of ``core.scoping`` to every generic view.

- Anonymous users are sent to the login page.
- ``szemelyes = True`` views (personal data) answer 403 to users who may see
  no personal data at all (report readers).
- The object comes from ``Model.objects.for_user(user)``: another project's
  record answers 404.
- ``koordinator_kell = True`` views answer 403 unless the user coordinates
  the object's project (or is an admin); another project's object still answers 404.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic.detail import SingleObjectMixin


def projekt_id(obj):
    """The id of the project ``obj`` belongs to, following its queryset's ``projekt_path``."""
    path = type(obj).objects.all().projekt_path
    if path == "pk":
        return obj.pk
    *elotte, utolso = path.split("__")
    value = obj
    for part in elotte:
        value = getattr(value, part)
    return getattr(value, utolso if utolso.endswith("_id") else utolso + "_id")


class ProjektJogMixin(LoginRequiredMixin):
    szemelyes = True
    koordinator_kell = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.szemelyes and not request.user.lat_szemelyes_adatot():
            raise PermissionDenied("Ehhez az oldalhoz nincs jogosultsága.")
        # A view of one record checks the role in get_object, after scoping, so that another
        # project's record answers 404 (its existence is not confirmed) rather than 403.
        egy_rekord = isinstance(self, SingleObjectMixin) and (
            self.pk_url_kwarg in kwargs or self.slug_url_kwarg in kwargs
        )
        if self.koordinator_kell and not egy_rekord and not request.user.koordinator():
            raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.koordinator_kell and not self.request.user.koordinator(projekt_id(obj)):
            raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
        return obj
