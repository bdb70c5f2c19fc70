"""URLs of the plan manager's pages, mounted at the site root: /reviews/…"""

from django.urls import path

from peerplan.progress.views import periods

from .views import approval, editor, exports, owners, reviews

app_name = "plans"

urlpatterns = [
    path("reviews/", reviews.review_list, name="list"),
    path("reviews/new/", reviews.review_new, name="review-new"),
    path("owners/", owners.owner_list, name="owners"),
    path("owners/<int:pk>/", owners.owner_page, name="owner"),
    path("reviews/<int:pk>/manage/", reviews.review_detail, name="manage"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="review-edit"),
    path("reviews/<int:pk>/archive/", reviews.review_archive_page, name="review-archive"),
    path("reviews/<int:pk>/themes/", reviews.review_themes, name="review-themes"),
    path("reviews/<int:pk>/peer-team/add/", reviews.peer_add, name="peer-add"),
    path("reviews/<int:pk>/peer-team/<int:member_pk>/remove/", reviews.peer_remove, name="peer-remove"),
    path("reviews/<int:pk>/milestones/<slug:milestone>/", reviews.milestone_met, name="milestone"),
    # The plan editor
    path("reviews/<int:pk>/plan/edit/", editor.plan_editor, name="editor"),
    path("reviews/<int:pk>/plan/recommendations/new/", editor.recommendation_new, name="recommendation-new"),
    path(
        "reviews/<int:pk>/plan/recommendations/<int:rec_pk>/edit/",
        editor.recommendation_edit_page,
        name="recommendation-edit",
    ),
    path("reviews/<int:pk>/plan/recommendations/<int:rec_pk>/actions/new/", editor.action_new, name="action-new"),
    path(
        "reviews/<int:pk>/plan/recommendations/<int:rec_pk>/move/",
        editor.recommendation_move_view,
        name="recommendation-move",
    ),
    path("reviews/<int:pk>/plan/actions/<int:action_pk>/edit/", editor.action_edit_page, name="action-edit"),
    path("reviews/<int:pk>/plan/actions/<int:action_pk>/steps/new/", editor.step_new, name="step-new"),
    path("reviews/<int:pk>/plan/actions/<int:action_pk>/move/", editor.action_move_view, name="action-move"),
    path("reviews/<int:pk>/plan/actions/<int:action_pk>/delete/", editor.action_delete_page, name="action-delete"),
    path("reviews/<int:pk>/plan/export.<str:export_format>", exports.plan_export, name="plan-export"),
    path("reviews/<int:pk>/approve/", approval.approve, name="approve"),
    path("reviews/<int:pk>/revisions/", approval.revision_list, name="revisions"),
    path(
        "reviews/<int:pk>/revisions/<int:revision_pk>/decide/",
        approval.revision_decide_page,
        name="revision-decide",
    ),
    # Reporting periods (peerplan.progress.views.periods)
    path("reviews/<int:pk>/periods/", periods.period_list, name="periods"),
    path("reviews/<int:pk>/periods/new/", periods.period_new, name="period-new"),
    path("reviews/<int:pk>/periods/<int:period_pk>/open/", periods.period_open, name="period-open"),
    path("reviews/<int:pk>/periods/<int:period_pk>/remind/", periods.period_remind, name="period-remind"),
]
