from django.apps import AppConfig


class IndikatorokConfig(AppConfig):
    name = "indikatorok"
    verbose_name = "Indikátorok"
