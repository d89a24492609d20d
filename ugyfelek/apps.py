from django.apps import AppConfig


class UgyfelekConfig(AppConfig):
    name = "ugyfelek"
    verbose_name = "Ügyfelek és háztartások"

    def ready(self):
        # Registers the models in the change history and the mentoring sources of the timeline.
        from . import audit, timeline_sources  # noqa: F401
        from .bevonas import bekotes as bevonas_bekotes
        from .utolso_latogatas import bekotes

        bekotes()
        bevonas_bekotes()
