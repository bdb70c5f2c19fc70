"""URLs of the progress pages, mounted at the site root (app_name "progress").

`navigation_aliases` gives the start page and search the plain names the service navigation looks for.
"""

from django.urls import path

from .views import mine, reading, search, updating

app_name = "progress"

urlpatterns = [
    path("", mine.home, name="home"),
    path("my-actions/", mine.my_actions, name="my-actions"),
    path("reviews/<int:pk>/", reading.review_dashboard, name="review"),
    path("reviews/<int:pk>/plan/", reading.plan_page, name="plan"),
    path("recommendations/<int:pk>/", reading.recommendation_page, name="recommendation"),
    path("actions/<int:pk>/", reading.action_page, name="action"),
    path("actions/<int:pk>/update/", updating.post_update, name="action-update"),
    path("actions/<int:pk>/revise-date/", updating.revise_date, name="action-revise-date"),
    path("updates/<int:pk>/withdraw/", updating.withdraw_update, name="update-withdraw"),
    path("evidence/<int:pk>/", updating.evidence_download, name="evidence"),
    path("search/", search.search, name="search"),
]

navigation_aliases = [
    path("", mine.home, name="dashboard"),
    path("updates/<int:pk>/withdraw/", updating.withdraw_update, name="update-withdraw"),
    path("evidence/<int:pk>/", updating.evidence_download, name="evidence"),
    path("search/", search.search, name="search"),
]
