"""An Atom feed of a published review's newly issued committee reports (Django's syndication framework)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from peerplan.plans.models import Review
from peerplan.reports.models import Report
from peerplan.shared.dates import long_date

from . import selectors

FEED_LENGTH = 20


class ReportsFeed(Feed[Report, Review]):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, council: str, review_id: int) -> Review:
        review = selectors.published_review(council=council, review_id=review_id)
        if review is None:
            raise Http404("No published review at this address.")
        return review

    def title(self, obj: Review) -> str:
        return f"{obj.organisation.name}: {obj.title} – committee reports"

    def link(self, obj: Review) -> str:
        return reverse("public:review", args=[obj.organisation.slug, obj.pk])

    def subtitle(self, obj: Review) -> str:
        return f"Progress reports on the action plan for {obj.title}, as issued to committee."

    def items(self, obj: Review) -> list[Report]:
        reports = Report.objects.for_review(obj).select_related("review__organisation").defer("snapshot", "cover")
        return list(reports[:FEED_LENGTH])

    def item_title(self, item: Report) -> str:
        return item.title

    def item_description(self, item: Report) -> str:
        return f"The action plan's position as at {long_date(item.as_of)}."

    def item_link(self, item: Report) -> str:
        review = item.review
        return reverse("public:review", args=[review.organisation.slug, review.pk]) + f"#report-{item.pk}"

    def item_pubdate(self, item: Report) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Report) -> datetime:
        return item.created_at

    def item_guid(self, item: Report) -> str:
        # Atom's <id> must be an absolute IRI (RFC 4287 4.2.6); a tag: URI (RFC 4151) stays the same for ever.
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},{item.created_at:%Y-%m-%d}:peerplan/report/{item.pk}"

    def item_guid_is_permalink(self, item: Report) -> bool:
        return False

    def item_categories(self, item: Report) -> list[str]:
        return [item.get_kind_display()]
