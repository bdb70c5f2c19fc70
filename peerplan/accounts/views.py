"""Signing in and out, and setting a password: Django's auth views with peerplan's forms and templates.

Lock-out after repeated failures is django-axes (settings AXES_*); its page is accounts/locked_out.html.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from peerplan.ui.forms import add_service_errors

from . import forms
from .invitations import invitation_accept, invitation_user, user_mark_accepted


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = forms.SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the sign-in page with a message."""

    next_page = "accounts:sign-in"  # a URL name: LogoutView passes it through resolve_url()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_mark_accepted(user=form.user)  # a person who never used their invitation is no longer "invited"
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@sensitive_post_parameters()
@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation: set a first password, be signed in, land on My actions."""
    invited = invitation_user(token)
    form = forms.SetPasswordForm(invited, data=request.POST if request.method == "POST" and invited else None)
    if invited and request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(user=invited, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your password has been set and you are signed in.")
            return redirect("progress:my-actions")
    response = render(request, "accounts/invitation.html", {"form": form, "invited": invited})
    if not invited:
        response.status_code = 404
    return response
