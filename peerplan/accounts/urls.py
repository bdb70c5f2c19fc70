"""Account URLs, mounted under /account/: sign in and out, accept an invitation, reset or change a password."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("password-reset/complete/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/changed/", views.PasswordChangeDoneView.as_view(), name="password-change-done"),
]
