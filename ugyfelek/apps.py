from django.apps import AppConfig


class UgyfelekConfig(AppConfig):
    name = "ugyfelek"
    verbose_name = "Ügyfelek és háztartások"

    def ready(self):
        from django.db.models.signals import post_migrate

        # Registers the models in the change history and the mentoring sources of the timeline.
        from . import audit, tema_masolat, timeline_sources  # noqa: F401
        from .bevonas import bekotes as bevonas_bekotes
        from .utolso_latogatas import bekotes

        bekotes()
        bevonas_bekotes()
        # After every migrate: the triggers that keep the topics' copies of their visit's project and time.
        post_migrate.connect(tema_masolat.telepites, sender=self, dispatch_uid="kapocs_tema_masolat")
