"""The benchmark's URL configuration: the whole site plus the floor view (used only by bench/measure.py).

The floor is the least a signed-in page can cost here: the session and user
look-ups of the middleware, one indexed query scoped to the user's projects,
a tiny response. Every page is measured as a multiple of it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from ugyfelek.models import Ugyfel


@login_required
def padlo(request, pk):
    """One primary-key look-up that also checks the user's membership of the record's project."""
    nev = (
        Ugyfel.objects.filter(pk=pk, projekt__tagsagok__felhasznalo=request.user)
        .values_list("csaladi_nev", flat=True)
        .first()
    )
    return HttpResponse(nev or "-", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/padlo/<int:pk>/", padlo, name="bench_padlo"),
    path("", include("config.urls")),
]
