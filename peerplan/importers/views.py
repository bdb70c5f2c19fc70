"""Bring a plan in through the browser: upload, check what was found (doubts, how each column and row
was read and why), correct anything, confirm.

The file is read once in the background worker and the result kept with the draft; the check page
shows it, a page at a time, and refreshes itself (no JavaScript) while the worker reads or saves.
Nothing of the plan is stored before the confirmation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from peerplan.accounts import permissions as can
from peerplan.accounts.models import Organisation, User
from peerplan.accounts.permissions import signed_in

from .drafts import draft_cancel, draft_confirm, draft_correct, draft_create, result_of
from .errors import PlanImportError
from .forms import AS_READ, ConfirmForm, RowMarkForm, UploadForm, mapping_form, mapping_from
from .models import DraftState, ImportDraft
from .registry import format_for

SESSION_KEY = "peerplan_import"
RECOMMENDATIONS_PER_PAGE = 50
ROWS_PER_PAGE = 100


def _organisations(request: HttpRequest) -> list[Organisation]:
    return [o for o in can.organisations_of(request.user) if can.can_import_plan(request.user, o)]


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    can.require(bool(organisations))
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        data = file.read()
        try:
            format_for(data, file.name)  # quick: is it a kind of file we read? The reading is done in the background.
        except PlanImportError as exc:
            form.add_error("file", str(exc))
        else:
            organisation = next(o for o in organisations if o.pk == form.organisation_id())
            if (earlier := _draft(request)) is not None and earlier.state != DraftState.SAVING:
                draft_cancel(draft=earlier, actor=signed_in(request.user))  # a new upload replaces the one waiting
            draft = draft_create(
                organisation=organisation, filename=file.name, data=data, actor=signed_in(request.user)
            )
            request.session[SESSION_KEY] = draft.pk
            return redirect("importers:preview")
    return render(request, "importers/upload.html", {"form": form, "waiting": _draft(request)})


def _draft(request: HttpRequest) -> ImportDraft | None:
    """The person's upload waiting to be checked: the one this session holds, else their latest unsaved one
    (signing out and in again, or another browser, does not lose it; unconfirmed drafts go after a day)."""
    if not isinstance(request.user, User):
        return None
    mine = ImportDraft.objects.select_related("organisation").filter(created_by=request.user)
    pk = request.session.get(SESSION_KEY)
    if isinstance(pk, int):
        draft = mine.filter(pk=pk).first()
    else:
        draft = mine.exclude(state=DraftState.SAVED).order_by("-created_at", "-pk").first()
        if draft is not None:
            request.session[SESSION_KEY] = draft.pk
    if draft is not None:
        can.require(can.can_import_plan(request.user, draft.organisation))
    return draft


@login_required
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest) -> HttpResponse:
    can.require(bool(_organisations(request)))  # as the upload page: someone who may import nowhere is refused here
    draft = _draft(request)
    if draft is None:
        messages.info(request, "Upload the plan again: the file you uploaded is no longer waiting to be imported.")
        return redirect("importers:upload")
    if "cancel" in request.POST:
        draft_cancel(draft=draft, actor=signed_in(request.user))
        del request.session[SESSION_KEY]
        messages.info(request, "The import was cancelled; nothing was saved.")
        return redirect("importers:upload")
    if draft.state == DraftState.SAVED:
        del request.session[SESSION_KEY]
        messages.success(request, draft.progress)
        return redirect(reverse("progress:review", args=[draft.review_id]))
    if draft.state in (DraftState.READING, DraftState.SAVING):
        context = {
            "draft": draft,
            "saving": draft.state == DraftState.SAVING,
            # Only when the person asks: a page that refreshes by itself must be theirs to turn on and off.
            "refresh": request.GET.get("refresh") == "on",
        }
        return render(request, "importers/waiting.html", context)
    if draft.state == DraftState.FAILED:
        return render(request, "importers/failed.html", {"draft": draft})
    return _check(request, draft)


def _check(request: HttpRequest, draft: ImportDraft) -> HttpResponse:
    result = result_of(draft)
    assert result is not None
    rows = Paginator(result.rows, ROWS_PER_PAGE).get_page(request.GET.get("rows"))
    mapping = mapping_form(result.readings, request.POST if "apply_mapping" in request.POST else None)
    marking = RowMarkForm(request.POST if "mark_row" in request.POST else None, rows=list(rows.object_list))
    confirm = ConfirmForm(
        request.POST if "confirm" in request.POST else None,
        initial={"title": result.document.review.title, "kind": result.document.review.kind},
    )
    if "apply_mapping" in request.POST and mapping.is_valid():
        changed = {**draft.mapping, **mapping_from(mapping, result.readings)}
        draft_correct(draft=draft, mapping=changed, marks=draft.marks, actor=signed_in(request.user))
        messages.success(request, "The file was read again with the columns as you set them.")
        return redirect("importers:preview")
    if "mark_row" in request.POST and marking.is_valid():
        marks = dict(draft.marks)
        row, read_as = marking.cleaned_data["row"], marking.cleaned_data["read_as"]
        if read_as != AS_READ:
            marks[row] = read_as
        else:
            marks.pop(row, None)
        draft_correct(draft=draft, mapping=draft.mapping, marks=marks, actor=signed_in(request.user))
        messages.success(request, f"The file was read again with {row} as you marked it.")
        return redirect("importers:preview")
    if "confirm" in request.POST and confirm.is_valid():
        draft_confirm(
            draft=draft,
            title=confirm.cleaned_data["title"],
            kind=confirm.cleaned_data["kind"],
            actor=signed_in(request.user),
        )
        return redirect("importers:preview")
    recs = Paginator(result.document.recommendations, RECOMMENDATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "filename": draft.filename,
        "organisation": draft.organisation,
        "result": result,
        "recommendations": recs,
        "first_number": recs.start_index(),
        "rows": rows,
        "mapping_form": mapping,
        "row_form": marking,
        "confirm_form": confirm,
        "would_create": draft.would_create,
        "save_error": draft.error if draft.state == DraftState.SAVE_FAILED else "",
        "form": next((f for f in (confirm, mapping, marking) if f.is_bound), confirm),
    }
    return render(request, "importers/preview.html", context)
