from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "helhet.home"
    label = "home"
    verbose_name = "Start"
