from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "helhet.demo"
    label = "demo"
    verbose_name = "Demo data"
