"""The start page and My actions: what a signed-in person sees first."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Membership, User
from peerplan.accounts.permissions import (
    MANAGERS,
    can_update_owned_actions,
    can_view_email_log,
    organisations_of,
    reviews_visible_to,
)
from peerplan.notifications.selectors import manager_news
from peerplan.plans.models import Action
from peerplan.progress import selectors
from peerplan.ui.cells import ACTION_HEAD, action_rows

from .common import crumbs, page, rag_words

PAGE_SIZE = 50
GROUP_LIMIT = 25  # how many actions each group lists before linking to the rest


def _can_update(request: HttpRequest) -> Callable[[Action], bool]:
    """Every action listed is the person's own, so what remains to ask is their role in its council."""

    def allowed(action: Action) -> bool:
        return can_update_owned_actions(request.user, action.review.organisation)

    return allowed


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Lead officers go to My actions; everyone else sees their councils' reviews, one line each."""
    roles = set(Membership.objects.filter(user=cast(User, request.user)).values_list("role", flat=True))
    if Role.LEAD_OFFICER in roles and not roles & MANAGERS:
        return redirect("progress:my-actions")
    at = timezone.localdate()
    organisations = organisations_of(request.user)
    reviews = (
        list(selectors.reviews_with_position(organisations, at=at, within=reviews_visible_to(request.user)))
        if organisations
        else []
    )
    managed = [o for o in organisations if can_view_email_log(request.user, o)]
    context = page(
        reviews=reviews,
        organisations=organisations,
        news=manager_news(managed, at=at) if managed else None,
        email_org=managed[0] if managed else None,
        is_manager=bool(roles & MANAGERS),
        at=at,
        nav_current="dashboard",
    )
    return render(request, "progress/home.html", context)


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    at = timezone.localdate()
    show = request.GET.get("show", "")
    if show:
        key = next((k for k, slug in selectors.Group.slugs.items() if slug == show), None)
        if key is None:
            raise Http404("No such group of actions")
        paginator = Paginator(selectors.my_action_ids(cast(User, request.user), key, at=at), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context = page(
            group_label=selectors.Group.labels[key],
            page_obj=page_obj,
            rows=action_rows(
                selectors.my_actions_page(page_obj.object_list),
                at=at,
                words=rag_words(request),
                owners=False,
                context=True,
                can_update=_can_update(request),
            ),
            action_head=ACTION_HEAD,
            at=at,
            nav_current="my-actions",
            crumbs=crumbs(("My actions", "/my-actions/"), (selectors.Group.labels[key], "")),
        )
        return render(request, "progress/my_actions_group.html", context)
    groups = selectors.my_actions(cast(User, request.user), at=at, limit=GROUP_LIMIT)
    allowed = _can_update(request)
    words = rag_words(request)
    context = page(
        groups=[
            (g, action_rows(g.actions, at=at, words=words, owners=False, context=True, can_update=allowed))
            for g in groups
        ],
        total=sum(g.count for g in groups),
        action_head=ACTION_HEAD,
        at=at,
        limit=GROUP_LIMIT,
        nav_current="my-actions",
    )
    return render(request, "progress/my_actions.html", context)
