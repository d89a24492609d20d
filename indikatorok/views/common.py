"""Project lookup for the report views: another project answers 404, a missing right 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from akcioterulet.models import Projekt


def projekt_vagy_404(request, pk):
    """A project the user has any role in (readers included)."""
    return get_object_or_404(Projekt.objects.for_user(request.user), pk=pk)


def szemelyes_projekt(request, pk):
    """A project whose personal data the user may see: readers get 403."""
    projekt = projekt_vagy_404(request, pk)
    if not request.user.lat_szemelyes_adatot(projekt):
        raise PermissionDenied("A személyek listáját az olvasó szerepkör nem láthatja.")
    return projekt


def koordinator_projekt(request, pk):
    projekt = projekt_vagy_404(request, pk)
    if not request.user.koordinator(projekt):
        raise PermissionDenied("Ezt csak a projekt koordinátora teheti meg.")
    return projekt


IDOSZAK_PARAMETEREK = ("idoszak", "kezdete", "vege")


def idoszak_parameterek(request) -> str:
    """The period part of the query string, carried from the report to its lists and exports."""
    q = request.GET.copy()
    for k in list(q.keys()):
        if k not in IDOSZAK_PARAMETEREK:
            del q[k]
    return q.urlencode()
