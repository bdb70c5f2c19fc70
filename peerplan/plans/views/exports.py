"""The current plan downloaded from the plan page, for people signed in: JSON (peerplan.plan/1), CSV or XLSX.

Nothing is issued or stored: the position is taken as at today, the same way a committee report freezes it.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from peerplan.accounts.permissions import can_view_review
from peerplan.plans.exporting import export_review
from peerplan.plans.planformat import dump
from peerplan.reports.plan_table import plan_table, table_csv, table_xlsx
from peerplan.reports.snapshot import snapshot_take

from ._shared import review_for

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_safe
def plan_export(request: HttpRequest, pk: int, export_format: str) -> HttpResponse:
    review = review_for(request, pk, can_view_review)
    if export_format not in CONTENT_TYPES:
        raise Http404("The plan downloads as json, csv or xlsx.")
    today = timezone.localdate()
    if export_format == "json":
        body = json.dumps(dump(export_review(review)), ensure_ascii=False, indent=2).encode()
    else:
        header, rows = plan_table(snapshot_take(review, as_of=today), internal=True)
        body = table_csv(header, rows) if export_format == "csv" else table_xlsx(header, rows, title=review.title)
    response = HttpResponse(body, content_type=CONTENT_TYPES[export_format])
    filename = f"{slugify(review.title) or 'plan'}-{today.isoformat()}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
