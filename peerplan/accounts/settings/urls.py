"""URLs of the council's settings, mounted at /settings/: administrators only."""

from django.urls import path

from . import views

app_name = "settings"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:org>/", views.overview, name="overview"),
    path("<slug:org>/rag/", views.rag_vocabulary, name="rag"),
    path("<slug:org>/rag-rule/", views.rag_rule, name="rag-rule"),
    path("<slug:org>/committees/", views.committees, name="committees"),
    path("<slug:org>/committees/<int:pk>/remove/", views.committee_remove_view, name="committee-remove"),
    path("<slug:org>/branding/", views.branding, name="branding"),
    path("<slug:org>/people/", views.people, name="people"),
    path("<slug:org>/people/add/", views.person_add, name="person-add"),
    path("<slug:org>/people/upload/", views.people_upload, name="people-upload"),
    path("<slug:org>/people/<int:pk>/role/", views.person_role, name="person-role"),
    path("<slug:org>/people/<int:pk>/remove/", views.person_remove, name="person-remove"),
    path("<slug:org>/people/<int:pk>/invite/", views.person_invite, name="person-invite"),
    path("<slug:org>/people/<int:pk>/deactivate/", views.person_deactivate, name="person-deactivate"),
]
