"""Making an API token: what it is for, which council, whose, how much it may do, and for how long."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms

from peerplan.accounts import permissions as can
from peerplan.accounts.models import Membership, Organisation, User
from peerplan.ui.forms import GovukForm

from .models import TokenAccess

NOT_YOURS = "Select a council and person you may make a token for"
LIFETIMES = [("30", "30 days"), ("90", "90 days"), ("365", "1 year")]


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label="What is the token for?", max_length=100, help_text="For example, ‘Power BI performance dashboard’."
    )
    membership = forms.ChoiceField(label="Council and person", widget=forms.RadioSelect)
    access = forms.ChoiceField(
        label="What may it do?",
        widget=forms.RadioSelect,
        choices=TokenAccess.choices,
        initial=TokenAccess.READ,
        help_text="Read only is enough for reports and dashboards. A token never does more than its person may.",
    )
    lifetime = forms.ChoiceField(label="How long should it work?", widget=forms.RadioSelect, choices=LIFETIMES)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.allowed: dict[str, Membership] = {}
        mine = list(Membership.objects.filter(user=user).select_related("organisation"))
        for membership in mine:
            self.allowed[str(membership.pk)] = membership
        administered = [m.organisation_id for m in mine if can.can_manage_organisation(user, m.organisation)]
        others = Membership.objects.filter(organisation_id__in=administered).exclude(user=user)
        for membership in others.select_related("organisation", "user").order_by("organisation__name", "user__email"):
            self.allowed[str(membership.pk)] = membership
        cast(forms.ChoiceField, self.fields["membership"]).choices = [
            (key, f"{m.organisation.name}: {'yourself' if m.user_id == user.pk else m.user} ({m.get_role_display()})")
            for key, m in self.allowed.items()
        ]
        self.fields["name"].error_messages["required"] = "Enter what the token is for"
        self.fields["membership"].error_messages["required"] = "Select the council and person"
        self.fields["membership"].error_messages["invalid_choice"] = NOT_YOURS
        self.fields["lifetime"].error_messages["required"] = "Select how long the token should work"

    def clean_membership(self) -> Membership:
        membership = self.allowed.get(self.cleaned_data["membership"])
        if membership is None or not can.can_manage_api_tokens_of(self.user, membership.user, membership.organisation):
            raise forms.ValidationError(NOT_YOURS)
        return membership

    def expires_at(self, now: datetime) -> datetime:
        return now + timedelta(days=int(self.cleaned_data["lifetime"]))

    @property
    def organisation(self) -> Organisation:
        return cast(Membership, self.cleaned_data["membership"]).organisation
