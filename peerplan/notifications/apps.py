from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "peerplan.notifications"
    verbose_name = "Email and reminders"
