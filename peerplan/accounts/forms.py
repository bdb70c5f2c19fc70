"""Sign-in and password forms: Django's own, worded and rendered the GOV.UK way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone

from peerplan.ui.forms import GovukFormMixin

RESET_EMAIL_INTERVAL = timedelta(minutes=5)

if TYPE_CHECKING:
    from .models import User

    _SetPasswordForm = auth_forms.SetPasswordForm[User]
else:
    _SetPasswordForm = auth_forms.SetPasswordForm  # generic in django-stubs only, not at run time


class SignInForm(GovukFormMixin, auth_forms.AuthenticationForm):
    """Email address and password. The field keeps the name `username`, which django-axes reads."""

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been switched off. Ask your council’s peerplan administrator.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = "Email address"
        username.widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        username.error_messages["required"] = "Enter your email address"
        password = self.fields["password"]
        password.error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        # Addresses are stored in lower case (UserManager.create_user); people type them any way.
        return str(self.cleaned_data.get("username", "")).strip().lower()


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    """Sends the link through the email log and worker, to everyone active, with or without a password yet.

    Django skips people whose password is unusable; here a person added without one (an invitation not
    yet accepted or expired) gets the link too, and it sets their first password.
    """

    def get_users(self, email: str) -> Iterator[Any]:
        from .models import User

        yield from User.objects.filter(email__iexact=email.strip(), is_active=True)

    def send_mail(  # noqa: PLR0917 - the signature is Django's
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from peerplan.notifications.mail import email_queue
        from peerplan.notifications.models import EmailKind, EmailLog

        user = context["user"]
        recent = timezone.now() - RESET_EMAIL_INTERVAL
        if EmailLog.objects.filter(recipient=user, kind=EmailKind.PASSWORD_RESET, created_at__gte=recent).exists():
            return  # one link every few minutes is enough: the form cannot be used to flood someone's inbox
        membership = user.memberships.select_related("organisation").first()
        email_queue(
            to=to_email,
            kind=EmailKind.PASSWORD_RESET,
            reason="They asked to reset their password",
            template=email_template_name.removesuffix(".txt"),
            context=context,
            organisation=membership.organisation if membership else None,
            recipient=user,
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The address you sign in with."
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = "Enter an email address in the correct format, like name@example.gov.uk"


class SetPasswordForm(GovukFormMixin, _SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _word_new_password_fields(self)


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _word_new_password_fields(self)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is not correct. Enter it again.",
        }


def _word_new_password_fields(form: auth_forms.SetPasswordForm[User]) -> None:
    new, confirm = form.fields["new_password1"], form.fields["new_password2"]
    new.label = "New password"
    new.help_text = "At least 10 characters. Avoid common words and your name."
    new.error_messages["required"] = "Enter a new password"
    confirm.label = "Confirm new password"
    confirm.help_text = ""
    confirm.error_messages["required"] = "Enter the new password again"
    form.error_messages = {
        **form.error_messages,
        "password_mismatch": "The passwords do not match. Enter the same password twice.",
    }
