"""The pages for API tokens: your own, and, for an administrator, everyone's in their council.

A new token is shown once, on the page that made it, and never again.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from peerplan.accounts import permissions as can
from peerplan.accounts.models import Membership, User
from peerplan.accounts.permissions import signed_in

from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


def _visible_tokens(request: HttpRequest) -> list[ApiToken]:
    user = cast(User, request.user)  # login_required
    administered = [
        m.organisation_id
        for m in Membership.objects.filter(user=user).select_related("organisation")
        if can.can_manage_organisation(user, m.organisation)
    ]
    return list(
        ApiToken.objects.filter(Q(user=user) | Q(organisation_id__in=administered))
        .select_related("user", "organisation")
        .order_by("revoked_at", "-created_at")
    )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        (token, "Revoked" if token.revoked_at else ("Expired" if token.expires_at <= now else "Live"))
        for token in _visible_tokens(request)
    ]
    context = {"rows": rows, "crumbs": [("API tokens", "")], "docs_url": reverse("api:openapi-view")}
    return render(request, "api/token_list.html", context)


@login_required
@never_cache
def token_new(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None, user=request.user)  # type: ignore[arg-type]  # login_required
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        membership = form.cleaned_data["membership"]
        token, secret = api_token_create(
            user=membership.user,
            organisation=membership.organisation,
            name=form.cleaned_data["name"],
            access=form.cleaned_data["access"],
            expires_at=form.expires_at(now),
            actor=signed_in(request.user),
            at=now,
        )
        return render(request, "api/token_created.html", {"token": token, "secret": secret})  # never_cache: no-store
    crumbs = [("API tokens", reverse("tokens:list")), ("Make a token", "")]
    return render(request, "api/token_new.html", {"form": form, "crumbs": crumbs})


@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("user", "organisation"), pk=pk)
    can.require(can.can_manage_api_tokens_of(request.user, token.user, token.organisation))
    if request.method == "POST":
        api_token_revoke(token=token, actor=signed_in(request.user), at=timezone.now())
        messages.success(request, f"The token ‘{token.name}’ has been revoked. It no longer works.")
        return redirect("tokens:list")
    crumbs = [("API tokens", reverse("tokens:list")), ("Revoke a token", "")]
    return render(request, "api/token_revoke.html", {"token": token, "crumbs": crumbs})
