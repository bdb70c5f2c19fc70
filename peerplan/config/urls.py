"""URL wiring: the web app, the API and Django's admin."""

from django.contrib import admin
from django.urls import include, path

from peerplan.api.api import api
from peerplan.progress.urls import navigation_aliases

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("account/", include("peerplan.accounts.urls")),
    path("", include("peerplan.ui.urls")),
    path("", include("peerplan.progress.urls")),
    path("", include(navigation_aliases)),  # "dashboard" and "search", as the service navigation names them
    path("audit/", include("peerplan.audit.urls")),
    path("import/", include("peerplan.importers.urls")),
    path("", include("peerplan.reports.urls")),
    path("", include("peerplan.plans.urls")),
    path("settings/", include("peerplan.accounts.settings.urls")),
    path("", include("peerplan.notifications.urls")),
    path("public/", include("peerplan.public.urls")),
    path("api-tokens/", include("peerplan.api.urls")),
    path("", include("peerplan.public.manage")),
]
