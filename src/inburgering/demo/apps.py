from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "inburgering.demo"
    label = "demo"
    verbose_name = "Synthetische demo- en benchmarkdata"
