from django.apps import AppConfig


class KozossegConfig(AppConfig):
    name = "kozosseg"
    verbose_name = "Közösségi programok"

    def ready(self):
        from core.attendance import regisztral

        from . import audit, idovonal  # noqa: F401  (change history and timeline sources)
        from .jelenlet import FORRAS

        regisztral(FORRAS)
