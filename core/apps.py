from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Napló és közös működés"

    def ready(self):
        from . import signin  # noqa: F401  (records the sign-in time for the session limit)
