from django.apps import AppConfig


class UgyfelekConfig(AppConfig):
    name = "ugyfelek"
    verbose_name = "Ügyfelek és háztartások"

    def ready(self):
        from . import audit  # noqa: F401  (registers the models in the change history)
