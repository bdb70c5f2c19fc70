"""The public progress pages: no sign-in, the same for everyone, cacheable. Published reviews only; anything
else is a 404 for everyone. Positions come from the last issued report's snapshot, never the live plan.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from peerplan.plans.models import Review
from peerplan.plans.planformat import dump
from peerplan.reports.models import Report, ReportFile

from . import opendata, selectors

MAX_AGE = 300  # five minutes: a newly issued report shows soon, and a busy day costs few page builds


def _review(council: str, review_id: int) -> Review:
    review = selectors.published_review(council=council, review_id=review_id)
    if review is None:
        raise Http404("No published review at this address.")
    return review


def _last_modified(request: HttpRequest, council: str, review_id: int, **kwargs: Any) -> datetime | None:
    review = selectors.published_review(council=council, review_id=review_id)
    return selectors.last_changed(review) if review else None


def _etag(request: HttpRequest, council: str, review_id: int, **kwargs: Any) -> str | None:
    modified = _last_modified(request, council, review_id)
    if modified is None:
        return None
    key = f"{request.path}|{modified.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _public(view: Any) -> Any:
    """GET/HEAD only, validated by ETag and Last-Modified, cacheable by anyone for MAX_AGE seconds."""
    return require_safe(cache_control(public=True, max_age=MAX_AGE)(condition(_etag, _last_modified)(view)))


@require_safe
@cache_control(public=True, max_age=MAX_AGE)
def index(request: HttpRequest) -> HttpResponse:
    """/public/: every council with a published review, and links to them."""
    return render(request, "public/index.html", {"councils": selectors.councils_with_published_reviews()})


@_public
def review_page(request: HttpRequest, council: str, review_id: int) -> HttpResponse:
    review = _review(council, review_id)
    latest = selectors.latest_report(review)
    position = selectors.position_of(latest) if latest else None
    context = {
        "review": review,
        "organisation": review.organisation,
        "position": position,
        "figures": selectors.position_figures(position.snapshot) if position else [],
        "reports": selectors.issued_reports(review),
        "offer_files": review.publication.committee_reports,
        "crumbs": [("Published action plans", reverse("public:index")), (review.title, "")],
        "licence": opendata.LICENCE,
        "licence_url": opendata.LICENCE_URL,
    }
    return render(request, "public/review.html", context)


DATA_FORMATS = ("csv", "json")


def _data(report: Report, data_format: str, stem: str) -> HttpResponse:
    if data_format not in DATA_FORMATS:
        raise Http404("Open data comes as plan.csv or plan.json.")
    position = selectors.position_of(report)
    if data_format == "csv":
        body = opendata.snapshot_csv(position.snapshot)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        # A pure peerplan.plan/1 document (loadable as it is): the licence travels in the Link header.
        document = dump(opendata.snapshot_document(position.snapshot))
        body = json.dumps(document, ensure_ascii=False, indent=2).encode()
        response = HttpResponse(body, content_type="application/json")
    filename = f"{stem}-as-at-{position.snapshot.as_of.isoformat()}.{data_format}"
    # A CSV downloads (browsers would otherwise show it as text); JSON opens in the browser for reading.
    attach = data_format == "csv"
    response["Content-Disposition"] = content_disposition_header(as_attachment=attach, filename=filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    return response


@_public
def plan_data(request: HttpRequest, council: str, review_id: int, data_format: str) -> HttpResponse:
    """The published plan (as at the last issued report) as CSV or peerplan.plan/1 JSON."""
    review = _review(council, review_id)
    latest = selectors.latest_report(review)
    if latest is None:
        raise Http404("No progress report has been issued for this review yet.")
    return _data(latest, data_format, f"{council}-review-{review.pk}")


@_public
def report_data(request: HttpRequest, council: str, review_id: int, report_id: int, data_format: str) -> HttpResponse:
    """One issued report's snapshot as CSV or peerplan.plan/1 JSON."""
    review = _review(council, review_id)
    report = selectors.issued_report(review, report_id)
    if report is None:
        raise Http404("No such report for this review.")
    return _data(report, data_format, f"{council}-review-{review.pk}-report-{report.pk}")


@_public
def report_file(request: HttpRequest, council: str, review_id: int, report_id: int, file_format: str) -> HttpResponse:
    """A committee report exactly as issued (the stored bytes)."""
    review = _review(council, review_id)
    if not review.publication.committee_reports:
        raise Http404("This council offers the plan's open data, not the committee reports' files, here.")
    stored = ReportFile.objects.filter(report__review=review, report_id=report_id, format=file_format).first()
    if stored is None:
        raise Http404("This report was not issued in that format.")
    content = bytes(stored.content)
    response = HttpResponse(content, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=stored.filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response
