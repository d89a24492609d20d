from django.apps import AppConfig


class KepzesConfig(AppConfig):
    name = "kepzes"
    verbose_name = "Képzések"

    def ready(self):
        from core import attendance

        from . import audit, idovonal  # noqa: F401  (register the change history and timeline sources)
        from .jelenlet import FORRAS

        attendance.regisztral(FORRAS)
