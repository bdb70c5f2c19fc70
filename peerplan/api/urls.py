"""The API token pages, signed in only: /api-tokens/…"""

from django.urls import path

from . import views

app_name = "tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("new/", views.token_new, name="new"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
