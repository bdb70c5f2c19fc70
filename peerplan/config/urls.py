"""URL wiring: the web app, the API and Django's admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("account/", include("peerplan.accounts.urls")),
    path("", include("peerplan.ui.urls")),
    path("", include("peerplan.plans.urls")),
    path("settings/", include("peerplan.accounts.settings_urls")),
]
