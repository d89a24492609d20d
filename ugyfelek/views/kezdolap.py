from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from akcioterulet.models import Projekt


@login_required
def kezdolap(request):
    """The signed-in user's start page: their projects and where to go next."""
    projektek = Projekt.objects.for_user(request.user)
    return render(request, "ugyfelek/kezdolap.html", {"projektek": projektek})
