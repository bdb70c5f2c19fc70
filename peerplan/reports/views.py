"""The Reports pages: each review's past reports, preparing one (preview, issue), an issued report and its files.

Thin adapters over reports.services; every view asks accounts.permissions who may see or do what.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.safestring import SafeString
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from peerplan.accounts.models import Organisation
from peerplan.accounts.permissions import (
    can_manage_organisation,
    can_produce_reports,
    can_view_reports,
    organisations_of,
    require,
    reviews_visible_to,
    signed_in,
)
from peerplan.plans.models import Review
from peerplan.shared.dates import long_date, long_date_time
from peerplan.shared.rag import Rag
from peerplan.ui.html import joined, lines, link, with_hidden

from .compose import compose
from .cover import cover_from_defaults
from .defaults import ReportDefaultsForm, report_defaults_of, report_defaults_update
from .document import ReportDocument
from .enums import ReportKind, ReportState
from .forms import ReportForm, format_rank
from .layouts import UnknownLayoutError, layout_get
from .models import Report, ReportFile
from .renderers import UnknownFormatError, renderer_get
from .services import report_defaults_get, report_files_ready, report_input_build, report_input_of, report_issue

SYSTEM = "System (command line)"
LIST_HEAD = ["Position as at", "Committee and meeting", "Issued", "Download"]
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
_RAG_COLOURS = re.compile(r"^(?P<rating>[a-z-]{1,20}):(?P<colour>[0-9a-f]{6}):(?P<text>[0-9a-f]{6})$")


def _page(**context: Any) -> dict[str, Any]:
    context.setdefault("nav_current", "reports")
    return context


def _crumbs(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Home", "/"), ("Reports", reverse("reports:list")), *pairs]


def _issued_by(report: Report) -> str:
    return str(report.created_by) if report.created_by else SYSTEM


def _issued_on(report: Report) -> str:
    return long_date_time(report.created_at)


def _meeting(report: Report) -> str:
    parts = [
        report.committee.name if report.committee else "",
        long_date(report.meeting_date) if report.meeting_date else "",
    ]
    return ", ".join(p for p in parts if p) or "None"


def _kind_label(kind: str) -> str:
    return str(ReportKind(kind).label) if kind in ReportKind.values else kind


def _layout_label(name: str) -> str:
    try:
        return layout_get(name).label
    except UnknownLayoutError:
        return name


def _in_order(files: list[ReportFile]) -> list[ReportFile]:
    return sorted(files, key=lambda stored: (format_rank(stored.format), stored.format))


def _format_label(format_: str) -> str:
    try:
        return renderer_get(format_).label
    except UnknownFormatError:  # a format whose plug-in has since been removed still downloads
        return format_.upper()


def _download_links(report: Report, files: list[ReportFile]) -> SafeString:
    """One link per stored format, each saying (to a screen reader) which report it downloads."""
    context = f" of the report as at {long_date(report.as_of)}"
    return joined(
        *(
            link(
                reverse("reports:download", args=[report.pk, stored.format]),
                stored.format.upper(),
                hidden=context,
                download=True,
            )
            for stored in _in_order(files)
        )
    )


def _list_row(report: Report, files: list[ReportFile]) -> list[Any]:
    """The as-at date (linked to the report's page) with its kind and period; the meeting; who issued it, when."""
    as_at = link(reverse("reports:detail", args=[report.pk]), long_date(report.as_of))
    what = ", ".join(part for part in (_kind_label(report.kind), report.period.name if report.period else "") if part)
    return [
        lines(as_at, what),
        _meeting(report),
        lines(_issued_on(report), _issued_by(report)),
        _download_links(report, files),
    ]


# Browsers keep the stylesheet for a day: its address changes whenever its template does.
_CSS_VERSION = hashlib.sha256((Path(__file__).parent / "templates/reports/pages/report.css").read_bytes()).hexdigest()[
    :12
]


def _stylesheet_url(doc: ReportDocument) -> str:
    """The on-screen stylesheet, told the report's own RAG colours (CSP forbids a <style> element)."""
    colours = [("rag", f"{s.rating}:{s.colour.lstrip('#')}:{s.text_colour.lstrip('#')}") for s in doc.rag_styles]
    return f"{reverse('reports:stylesheet')}?{urlencode([*colours, ('v', _CSS_VERSION)])}"


# --- pages ----------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    """Every review the person may see, each with its past reports, newest position first."""
    organisations = organisations_of(request.user)
    if not organisations:
        raise PermissionDenied
    reviews = [
        review
        for review in Review.objects.filter(organisation__in=organisations)
        .filter(reviews_visible_to(request.user))
        .select_related("organisation")
        .order_by("organisation__name", "-visit_end", "title")
        if can_view_reports(request.user, review)
    ]
    files = Prefetch("files", queryset=ReportFile.objects.only("id", "report_id", "format", "size").order_by("format"))
    reports = (
        Report.objects.filter(review__in=reviews)
        .select_related("committee", "created_by", "period")
        .defer("snapshot", "cover")  # the frozen plan can be large; a list needs none of it
        .prefetch_related(files)
        .order_by("-as_of", "-created_at", "-id")
    )
    by_review: dict[int, list[list[Any]]] = defaultdict(list)
    for report in reports:
        by_review[report.review_id].append(_list_row(report, list(report.files.all())))
    several = len({review.organisation_id for review in reviews}) > 1
    sections = [
        {
            "review": review,
            "council": review.organisation.name if several else "",
            "rows": by_review.get(review.pk, []),
            "new_url": reverse("reports:new", args=[review.pk]) if can_produce_reports(request.user, review) else "",
            "new_label": with_hidden("Prepare a report", f" on {review.title}"),
        }
        for review in reviews
    ]
    return render(
        request,
        "reports/pages/list.html",
        _page(sections=sections, head=LIST_HEAD, crumbs=[("Home", "/"), ("Reports", "")]),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The form; Preview shows the report on the page and stores nothing, Issue stores it once."""
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=pk)
    require(can_produce_reports(request.user, review))
    issuing = request.method == "POST" and request.POST.get("action") == "issue"
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        review=review,
        today=timezone.localdate(),
        defaults=cover_from_defaults(report_defaults_get(review.organisation)),
        issuing=issuing,
    )
    doc = None
    if form.is_bound and form.is_valid():
        choice = form.choice()
        arguments: dict[str, Any] = {
            "review": review,
            "as_of": choice.as_of,
            "kind": choice.kind,
            "layout": choice.layout,
            "committee": choice.committee,
            "meeting_date": choice.meeting_date,
            "cover": choice.cover,
        }
        try:
            if issuing:
                report = report_issue(
                    **arguments, actor=signed_in(request.user), formats=choice.formats, period=choice.period
                )
                messages.success(request, f"Report issued: {report.title}, as at {long_date(report.as_of)}")
                # The files are made by the background worker; the report's page shows how far it has got.
                # "#top": the form posts to …#preview, and a browser keeps that fragment through a redirect.
                return redirect(reverse("reports:detail", args=[report.pk]) + "#top")
            doc = compose(report_input_build(**arguments))
        except ValidationError as error:
            form.add_service_error(error)
    context = _page(
        review=review,
        form=form,
        doc=doc,
        defaults_url=reverse("reports:defaults", args=[review.organisation.slug])
        if can_manage_organisation(request.user, review.organisation)
        else "",
        stylesheet_url=_stylesheet_url(doc) if doc else "",
        crumbs=_crumbs((review.title, reverse("progress:review", args=[review.pk])), ("Prepare a report", "")),
    )
    return render(request, "reports/pages/new.html", context)


def _readable_report(request: HttpRequest, pk: int) -> Report:
    report = get_object_or_404(
        Report.objects.select_related("review__organisation", "committee", "created_by", "period", "previous"), pk=pk
    )
    require(can_view_reports(request.user, report.review))
    return report


@login_required
@require_safe
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued report: its facts, its files, and its body rendered again from the stored snapshot."""
    report = _readable_report(request, pk)
    files = list(report.files.only("id", "report_id", "format", "size", "filename", "sha256").order_by("format"))
    facts = [
        (
            "Review",
            link(reverse("progress:review", args=[report.review_id]), report.review.title),
        ),
        ("Kind", _kind_label(report.kind)),
        ("Position as at", long_date(report.as_of)),
        ("Reporting period", report.period.name if report.period else "None"),
        ("Committee and meeting", _meeting(report)),
        ("Appendix layout", _layout_label(report.layout)),
        ("Issued", f"{_issued_on(report)}, by {_issued_by(report)}"),
        ("Compared with", long_date(report.previous.as_of) if report.previous else "Nothing: the first report"),
    ]
    downloads = [
        (
            link(
                reverse("reports:download", args=[report.pk, stored.format]),
                _format_label(stored.format),
                hidden=f" of the report as at {long_date(report.as_of)}",
                download=True,
            ),
            stored.filename,
            filesizeformat(stored.size),
        )
        for stored in _in_order(files)
    ]
    doc = compose(report_input_of(report))
    ready, wanted = report_files_ready(report)
    context = _page(
        report=report,
        rendering=report.state == ReportState.RENDERING,
        failed=report.state == ReportState.FAILED,
        ready=ready,
        wanted=wanted,
        facts=facts,
        download_head=["Format", "File", "Size"],
        downloads=downloads,
        doc=doc,
        stylesheet_url=_stylesheet_url(doc),
        can_produce=can_produce_reports(request.user, report.review),
        crumbs=_crumbs((report.title, "")),
    )
    return render(request, "reports/pages/detail.html", context)


def _ascii_filename(stored: ReportFile) -> str:
    """The stored name with anything but letters, digits, dots, dashes and underscores made a dash."""
    stem, _, extension = stored.filename.rpartition(".")
    stem = _UNSAFE_FILENAME.sub("-", stem).strip("-.") or f"report-{stored.report_id}"
    extension = _UNSAFE_FILENAME.sub("", extension) or stored.format
    return f"{stem}.{extension}"


@login_required
@require_safe
def report_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    """The file exactly as issued: the stored bytes, never rendered again."""
    report = _readable_report(request, pk)
    stored = ReportFile.objects.filter(report=report, format=file_format).first()
    if stored is None:
        raise Http404("This report was not issued in that format.")
    content = bytes(stored.content)
    response = HttpResponse(content, content_type=stored.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=_ascii_filename(stored))
    assert disposition is not None  # always made for an attachment
    response["Content-Disposition"] = disposition
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


@require_safe
@cache_control(public=True, max_age=86400)
def report_stylesheet(request: HttpRequest) -> HttpResponse:
    """The report body laid out on the app's pages, in the colours given as ?rag=red:d4351c:ffffff (checked)."""
    rags = [
        match.groupdict()
        for value in request.GET.getlist("rag")[: len(Rag)]
        if (match := _RAG_COLOURS.match(value.lower())) and match["rating"] in Rag.values
    ]
    css = render_to_string("reports/pages/report.css", {"rags": rags, "percents": range(1, 101)})
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_defaults(request: HttpRequest, org: str) -> HttpResponse:
    """The council's usual wording and sections for its committee reports: administrators only."""
    organisation = get_object_or_404(Organisation, slug=org)
    require(can_manage_organisation(request.user, organisation))
    defaults = report_defaults_of(organisation)
    form = ReportDefaultsForm(request.POST if request.method == "POST" else None, defaults=defaults)
    if request.method == "POST" and form.is_valid():
        try:
            report_defaults_update(organisation=organisation, actor=signed_in(request.user), changes=form.changes())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Your council’s report wording and sections have been saved.")
            return redirect("reports:defaults", org=organisation.slug)
    context = _page(
        organisation=organisation,
        form=form,
        crumbs=_crumbs(("Committee report wording and sections", "")),
    )
    return render(request, "reports/pages/defaults.html", context)
