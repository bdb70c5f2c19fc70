from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "peerplan.public"
    label = "public"
    verbose_name = "Public progress pages"
