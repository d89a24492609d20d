from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Napló és közös működés"

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from . import adatverzio, signin  # noqa: F401  (signin records the sign-in time for the session limit)

        # After every migrate: the triggers that raise each project's data version, on every table; every version
        # raised for what migrate wrote, without them (from before it: felfuggesztes).
        pre_migrate.connect(adatverzio.felfuggesztes, sender=self, dispatch_uid="kapocs_adatverzio_ki")
        post_migrate.connect(adatverzio.telepites, sender=self, dispatch_uid="kapocs_adatverzio")
