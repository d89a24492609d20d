from django.apps import AppConfig


class AkcioteruletConfig(AppConfig):
    name = "akcioterulet"
    verbose_name = "Projektek és akcióterületek"
