import mimetypes

from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView
from django.views.generic.edit import FormMixin

from core.access import ProjektJogMixin
from core.pagination import GyorsPaginator

from . import selectors
from .forms import FenykepForm
from .jelenlet import FORRAS
from .models import Alkalom, Fenykep, Program


class ProgramListView(ProjektJogMixin, ListView):
    """Programmes of the user's projects with their sessions, registrations and attendance.

    The list is paginated before anything is summed: the count is a plain count of the programmes,
    the page's ids come from a narrow sort, and the figures (correlated subqueries) are computed
    only for the page's programmes (``core.pagination.GyorsPaginator``).
    """

    model = Program
    szemelyes = False
    template_name = "kozosseg/program_lista.html"
    paginate_by = 50
    paginator_class = GyorsPaginator

    # Only the columns the list shows (program_lista.html) are read. A column added there must be added
    # here, or every row reads it with a query of its own.
    LISTA_MEZOK = ("nev", "tipus", "celcsoport", "projekt__telepules")

    def get_queryset(self):
        return (
            selectors.programok(self.request.user).only(*self.LISTA_MEZOK).order_by("projekt__telepules", "nev", "pk")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "koordinator": self.request.user.koordinator()}


class AlkalomDetailView(ProjektJogMixin, FormMixin, DetailView):
    """One session: who was there, the head-count, and its photos (upload with the consent flag)."""

    model = Alkalom
    form_class = FenykepForm
    template_name = "kozosseg/alkalom_reszlet.html"

    def get_queryset(self):
        return FORRAS.alkalom_queryset(self.request.user, szemelyes=True).prefetch_related("fenykepek")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.helper = FormHelper()
        form.helper.form_tag = False
        return form

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        form.instance.alkalom = self.object
        form.instance.feltoltotte = request.user
        form.save()
        messages.success(request, "A fényképet feltöltöttük.")
        return redirect("kozosseg:alkalom_reszlet", self.object.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["jelenlevok"] = (
            FORRAS.jelenletek(pk=self.object.pk).select_related("ugyfel").order_by("ugyfel__csaladi_nev")
        )
        ctx["forras"] = FORRAS
        return ctx


class FenykepView(ProjektJogMixin, DetailView):
    """Serves a photo's file to the project's staff only; photos never have a public media URL."""

    model = Fenykep

    def render_to_response(self, context, **kwargs):
        kep = self.object.kep
        try:
            fajl = kep.open("rb")
        except FileNotFoundError as e:
            raise Http404("A kép nem található.") from e
        tipus = mimetypes.guess_type(kep.name)[0] or "application/octet-stream"
        resp = FileResponse(fajl, content_type=tipus)
        resp["Cache-Control"] = "private, max-age=0, no-store"
        return resp
