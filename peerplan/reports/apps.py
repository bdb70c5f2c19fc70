from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "peerplan.reports"
    label = "reports"
    verbose_name = "Committee reports"
    default_auto_field = "django.db.models.BigAutoField"
