from django.urls import path

from core import attendance

from . import selectors
from .forms import ProgramForm
from .jelenlet import FORRAS
from .views import AlkalomDetailView, FenykepView, ProgramListView

app_name = "kozosseg"

urlpatterns = [
    path("", ProgramListView.as_view(), name="program_lista"),
    path("alkalom/<int:pk>/", AlkalomDetailView.as_view(), name="alkalom_reszlet"),
    path("fenykep/<int:pk>/", FenykepView.as_view(), name="fenykep"),
    *attendance.urlpatterns(
        FORRAS, reszlet_sablon="kozosseg/program_reszlet.html", reszlet_queryset=selectors.programok, urlap=ProgramForm
    ),
]
