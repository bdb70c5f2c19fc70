"""Bring a plan in through the browser: upload, check what was found (doubts, column mapping), confirm.

Nothing of the plan is stored before the confirmation; the upload waits as a draft file meanwhile.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from peerplan.accounts import permissions as can
from peerplan.accounts.models import Organisation
from peerplan.plans.loading import LoadError, plan_load

from .drafts import draft_delete, draft_read, draft_save
from .errors import PlanImportError
from .forms import ConfirmForm, UploadForm, mapping_form, mapping_from
from .result import ParseResult
from .sandbox import parse_file_bounded as parse_file  # in a child process with memory and time caps

SESSION_KEY = "peerplan_import"


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
            parse_file(data, file.name)
        except PlanImportError as exc:
            form.add_error("file", str(exc))
        else:
            request.session[SESSION_KEY] = {
                "token": draft_save(filename=file.name, data=data),
                "filename": file.name,
                "organisation": form.organisation_id(),
                "mapping": {},
            }
            return redirect("importers:preview")
    return render(request, "importers/upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest) -> HttpResponse:
    state = request.session.get(SESSION_KEY)
    draft = draft_read(state["token"], state["filename"]) if state else None
    if not state or draft is None:
        messages.info(request, "Upload the plan again: the file you uploaded is no longer waiting to be imported.")
        return redirect("importers:upload")
    organisation = next((o for o in _organisations(request) if o.pk == state["organisation"]), None)
    can.require(organisation is not None)
    assert organisation is not None
    result = _parse(draft.data, draft.filename, state["mapping"])
    mapping = mapping_form(result.columns, request.POST if "apply_mapping" in request.POST else None)
    confirm = ConfirmForm(
        request.POST if "confirm" in request.POST else None,
        initial={"title": result.document.review.title, "kind": result.document.review.kind},
    )
    if "apply_mapping" in request.POST and mapping.is_valid():
        state["mapping"] = mapping_from(mapping, result.columns)
        request.session[SESSION_KEY] = state
        messages.success(request, "The columns were read again as you set them.")
        return redirect("importers:preview")
    if "cancel" in request.POST:
        draft_delete(draft.token)
        del request.session[SESSION_KEY]
        messages.info(request, "The import was cancelled; nothing was saved.")
        return redirect("importers:upload")
    if "confirm" in request.POST and confirm.is_valid():
        document = result.document.model_copy(deep=True)
        document.review.title = confirm.cleaned_data["title"]
        document.review.kind = confirm.cleaned_data["kind"]
        try:
            report = plan_load(document=document, organisation=organisation, actor=request.user, commit=True)
        except LoadError as exc:
            confirm.add_error(None, str(exc))
        else:
            draft_delete(draft.token)
            del request.session[SESSION_KEY]
            messages.success(request, " ".join(report.lines()))
            return redirect(_review_url(report.review_id))
    try:
        would_create = " ".join(plan_load(document=result.document, organisation=organisation, commit=False).lines())
    except LoadError as exc:  # a plan that parses but cannot be stored: say why, never an HTTP 500
        if not confirm.is_bound:  # errors can only be added to a form that has data
            confirm = ConfirmForm({"title": result.document.review.title, "kind": result.document.review.kind})
        confirm.is_valid()
        confirm.add_error(None, str(exc))
        would_create = ""
    context: dict[str, Any] = {
        "filename": draft.filename,
        "organisation": organisation,
        "result": result,
        "mapping_form": mapping,
        "confirm_form": confirm,
        "would_create": would_create,
        "form": confirm if confirm.is_bound else mapping,  # the page title says "Error:" when either has errors
    }
    return render(request, "importers/preview.html", context)


def _parse(data: bytes, filename: str, mapping: dict[str, str]) -> ParseResult:
    try:
        return parse_file(data, filename, mapping=mapping or None)
    except PlanImportError:
        # A mapping that makes the file unreadable is dropped rather than leaving the person stuck.
        return parse_file(data, filename)


def _review_url(review_id: int | None) -> str:
    return reverse("progress:review", args=[review_id])
