"""The plan manager's switch for a review's public page: publish it, or take it off again. Signed in only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from peerplan.accounts.permissions import can_edit_plan, signed_in
from peerplan.plans.views._shared import review_for

from . import selectors
from .forms import PublicationForm
from .models import Publication
from .services import publication_committee_reports_set, review_publish, review_unpublish


@login_required
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk, can_edit_plan)
    if request.method == "POST":
        form = PublicationForm(request.POST)
        offer = bool(form.is_valid() and form.cleaned_data["committee_reports"])
        published = Publication.objects.filter(review=review).first()
        if request.POST.get("publish") == "yes":
            review_publish(review=review, actor=signed_in(request.user), at=timezone.now(), committee_reports=offer)
            messages.success(request, "The review is on the public page.")
        elif request.POST.get("publish") == "files" and published is not None:
            publication_committee_reports_set(
                publication=published, actor=signed_in(request.user), offer=offer, at=timezone.now()
            )
            messages.success(request, "The public page has been changed.")
        elif request.POST.get("publish") == "no":
            review_unpublish(review=review, actor=signed_in(request.user))
            messages.success(request, "The review is no longer on the public page. Its address now shows ‘not found’.")
        return redirect("publishing:publication", pk=review.pk)
    published = Publication.objects.filter(review=review).first()
    context = {
        "review": review,
        "published": published,
        "form": PublicationForm(initial={"committee_reports": published.committee_reports if published else False}),
        "latest": selectors.latest_report(review),
        "public_url": request.build_absolute_uri(reverse("public:review", args=[review.organisation.slug, review.pk])),
        "crumbs": [
            ("Plans", reverse("plans:list")),
            (review.title, reverse("plans:manage", args=[review.pk])),
            ("Public page", ""),
        ],
        "nav_current": "plans",
    }
    return render(request, "public/publication.html", context)


app_name = "publishing"
urlpatterns = [path("reviews/<int:pk>/public-page/", publication, name="publication")]
