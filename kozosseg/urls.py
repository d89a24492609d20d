from django.urls import path

from core import attendance

from . import views
from .jelenlet import FORRAS

app_name = "kozosseg"

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_lista"),
    path("uj/", views.ProgramUrlapView.as_view(), name="program_uj"),
    path("program/<int:pk>/", views.ProgramDetailView.as_view(), name="program_reszlet"),
    path("program/<int:pk>/szerkesztes/", views.ProgramUrlapView.as_view(), name="program_szerkesztes"),
    path("alkalom/<int:pk>/", views.AlkalomDetailView.as_view(), name="alkalom_reszlet"),
    path("fenykep/<int:pk>/", views.FenykepView.as_view(), name="fenykep"),
    *attendance.urlpatterns(FORRAS),
]
