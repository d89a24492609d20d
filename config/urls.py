from django.contrib import admin
from django.urls import include, path

from ugyfelek.views.kezdolap import kezdolap

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", kezdolap, name="kezdolap"),
    path("", include("core.urls")),
    path("ugyfelek/", include("ugyfelek.urls")),
    path("kepzesek/", include("kepzes.urls")),
    path("programok/", include("kozosseg.urls")),
    path("jelentes/", include("indikatorok.urls")),
]
