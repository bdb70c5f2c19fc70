from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "peerplan.api"
    label = "api"
    verbose_name = "API"
