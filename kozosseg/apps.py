from django.apps import AppConfig


class KozossegConfig(AppConfig):
    name = "kozosseg"
    verbose_name = "Közösségi programok"
