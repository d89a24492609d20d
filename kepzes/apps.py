from django.apps import AppConfig


class KepzesConfig(AppConfig):
    name = "kepzes"
    verbose_name = "Képzések"
