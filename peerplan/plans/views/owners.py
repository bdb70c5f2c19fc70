"""The council's owners: the people, roles and bodies named in its plans, renamed or merged by a plan manager."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from peerplan.accounts.permissions import can_manage_owners, organisations_of, require, signed_in
from peerplan.plans.forms import OwnerMergeForm, OwnerRenameForm
from peerplan.plans.models import Owner
from peerplan.plans.services import owner_merge, owner_rename
from peerplan.ui.forms import add_service_errors
from peerplan.ui.html import link, visually_hidden


@login_required
def owner_list(request: HttpRequest) -> HttpResponse:
    managed = [o for o in organisations_of(request.user) if can_manage_owners(request.user, o)]
    require(bool(managed))
    owners = (
        Owner.objects.filter(organisation__in=managed)
        .select_related("organisation")
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("organisation__name", "name")
    )
    rows = [
        [
            owner.name,
            owner.get_kind_display(),
            owner.action_count,
            link(reverse("plans:owner", args=[owner.pk]), "Rename or merge", hidden=f" {owner.name}"),
        ]
        for owner in owners
    ]
    return render(
        request,
        "plans/owner_list.html",
        {"head": ["Owner", "Kind", "Actions", visually_hidden("Change")], "rows": rows, "nav_current": "plans"},
    )


@login_required
def owner_page(request: HttpRequest, pk: int) -> HttpResponse:
    owner = get_object_or_404(Owner.objects.select_related("organisation"), pk=pk)
    require(can_manage_owners(request.user, owner.organisation))
    posted = request.POST if request.method == "POST" else None
    merging = posted is not None and "merge" in posted
    rename = OwnerRenameForm(None if merging else posted, initial={"name": owner.name}, prefix="rename")
    merge = OwnerMergeForm(posted if merging else None, owner=owner, prefix="merge")
    form = merge if merging else rename
    if posted is not None and form.is_valid():
        try:
            if merging:
                into = owner_merge(owner=owner, into=merge.cleaned_data["into"], actor=signed_in(request.user))
                messages.success(request, f"{owner.name} has been merged into {into.name}.")
            else:
                before = owner.name
                owner_rename(owner=owner, actor=signed_in(request.user), name=rename.cleaned_data["name"])
                messages.success(request, f"{before} has been renamed {owner.name}.")
        except ValidationError as error:
            owner.refresh_from_db()
            add_service_errors(form, error)
        else:
            return redirect("plans:owners")
    return render(
        request,
        "plans/owner_form.html",
        {
            "owner": owner,
            "rename": rename,
            "merge": merge,
            "crumbs": [("Owners", reverse("plans:owners")), (owner.name, "")],
            "nav_current": "plans",
        },
    )
