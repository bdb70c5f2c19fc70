"""URLs of the Email pages (/email/) and the calendar feeds (/calendar/)."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("email/", views.index, name="index"),
    path("email/<slug:org>/", views.log, name="log"),
    path("email/<slug:org>/emails/<int:pk>/send-again/", views.send_again, name="send-again"),
    path("email/<slug:org>/chasing/", views.chasing, name="chasing"),
    path("calendar/", views.calendars, name="calendars"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
