"""The council's settings pages, for administrators: RAG vocabulary and rule, committees, branding, people.

Thin views: permissions.can_manage_organisation decides; accounts.services writes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from peerplan.accounts.enums import RagRule, Role
from peerplan.accounts.invitations import invitation_send
from peerplan.accounts.models import Committee, Membership, Organisation, User
from peerplan.accounts.people_file import MAX_BYTES as MAX_PEOPLE_BYTES
from peerplan.accounts.people_file import PersonRow, read_people
from peerplan.accounts.permissions import can_manage_organisation, organisations_of, require, signed_in
from peerplan.accounts.services import (
    branding_update,
    committee_add,
    committee_remove,
    membership_add,
    membership_remove,
    membership_role_change,
    people_add_many,
    people_already_here,
    person_line_manager_set,
    person_reactivate,
    rag_rule_update,
    rag_vocabulary_update,
)
from peerplan.accounts.services import person_deactivate as person_deactivate_service
from peerplan.shared.errors import EditConflictError
from peerplan.ui.forms import add_service_errors

from .forms import (
    BrandingForm,
    CommitteeForm,
    LineManagerForm,
    PeopleFileForm,
    PersonAddForm,
    RagRuleForm,
    RagVocabularyForm,
    RoleForm,
)


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(can_manage_organisation(request.user, organisation))
    return organisation


def _page(request: HttpRequest, template: str, organisation: Organisation, **context: Any) -> HttpResponse:
    return render(
        request,
        f"accounts/settings/{template}",
        {"organisation": organisation, "nav_current": "settings", **context},
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """/settings/: the council the person administers (a choice if several)."""
    managed = [o for o in organisations_of(request.user) if can_manage_organisation(request.user, o)]
    if not managed:
        raise PermissionDenied
    if len(managed) == 1:
        return redirect("settings:overview", org=managed[0].slug)
    return render(request, "accounts/settings/choose.html", {"organisations": managed, "nav_current": "settings"})


@login_required
def overview(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    in_use = [d.label for d in organisation.rag_definitions.all() if d.in_use]
    committee_count = organisation.committees.count()
    member_count = organisation.memberships.count()

    def url(name: str) -> str:
        return reverse(f"settings:{name}", args=[organisation.slug])

    tasks = [
        {"title": "RAG ratings", "href": url("rag"), "hint": ", ".join(in_use), "status": f"{len(in_use)} in use"},
        {"title": "RAG rule", "href": url("rag-rule"), "status": RagRule(organisation.rag_rule).label.split(":")[0]},
        {"title": "Committees", "href": url("committees"), "status": str(committee_count)},
        {"title": "Branding", "href": url("branding"), "hint": "Council name, colour and logo.", "status": "Change"},
        {"title": "People and roles", "href": url("people"), "status": f"{member_count} people"},
    ]
    return _page(request, "overview.html", organisation, tasks=tasks)


@login_required
def rag_vocabulary(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = RagVocabularyForm(
        data=request.POST if request.method == "POST" else None, definitions=list(organisation.rag_definitions.all())
    )
    if request.method == "POST" and form.is_valid():
        try:
            rag_vocabulary_update(organisation=organisation, actor=signed_in(request.user), wordings=form.wordings())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The RAG ratings have been saved.")
            return redirect("settings:overview", org=organisation.slug)
    return _page(request, "rag_vocabulary.html", organisation, form=form)


@login_required
def rag_rule(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = RagRuleForm(
        data=request.POST if request.method == "POST" else None, initial=RagRuleForm.initial_for(organisation)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rag_rule_update(
                organisation=organisation,
                actor=signed_in(request.user),
                version=data["version"],
                rule=RagRule(data["rag_rule"]),
                red_max_percent=data["rag_red_max_percent"],
                amber_max_percent=data["rag_amber_max_percent"],
                red_when_behind_and_overdue=data["rag_red_when_behind_and_overdue"],
                amber_days=data["rag_amber_days"],
            )
        except EditConflictError as error:
            organisation.refresh_from_db()
            form = RagRuleForm(initial=RagRuleForm.initial_for(organisation))
            form.add_error(None, error.messages)  # unbound: the current rule is shown, to change again
        except ValidationError as error:
            organisation.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, "The RAG rule has been saved.")
            return redirect("settings:overview", org=organisation.slug)
    return _page(request, "rag_rule.html", organisation, form=form)


@login_required
def committees(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = CommitteeForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            committee = committee_add(
                organisation=organisation, actor=signed_in(request.user), name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{committee.name} has been added.")
            return redirect("settings:committees", org=organisation.slug)
    rows = [
        {
            "key": committee.name,
            "value": "",
            "href": reverse("settings:committee-remove", args=[organisation.slug, committee.pk]),
            "action": "Remove",
        }
        for committee in organisation.committees.all()
    ]
    return _page(request, "committees.html", organisation, form=form, rows=rows)


@login_required
def committee_remove_view(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, org)
    committee = get_object_or_404(Committee, pk=pk, organisation=organisation)
    if request.method == "POST":
        committee_remove(committee=committee, actor=signed_in(request.user))
        messages.success(request, f"{committee.name} has been removed.")
        return redirect("settings:committees", org=organisation.slug)
    return _page(request, "committee_remove.html", organisation, committee=committee)


@login_required
def branding(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = BrandingForm(
        data=request.POST if request.method == "POST" else None,
        files=request.FILES or None,
        organisation=organisation,
        initial={"version": organisation.version, "name": organisation.name, "brand_colour": organisation.brand_colour},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            branding_update(
                organisation=organisation,
                actor=signed_in(request.user),
                version=data["version"],
                name=data["name"],
                brand_colour=data["brand_colour"],
                logo=data.get("logo"),
                remove_logo=bool(data.get("remove_logo")),
            )
        except ValidationError as error:
            organisation.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, "The branding has been saved.")
            return redirect("settings:overview", org=organisation.slug)
    return _page(request, "branding.html", organisation, form=form)


def _status(user: Any) -> tuple[str, str]:
    """What the people page says about an account: deactivated, active, invited or not invited."""
    if not user.is_active:
        return "Deactivated", "grey"
    if user.accepted_at or user.has_usable_password():
        return "Active", "green"
    if user.invited_at:
        return "Invited", "blue"
    return "Not invited", "yellow"


@login_required
def people(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    memberships = organisation.memberships.select_related("user", "user__line_manager").order_by("user__full_name")
    people = [{"membership": m, "user": m.user, "status": _status(m.user)} for m in memberships]
    return _page(
        request,
        "people.html",
        organisation,
        people=people,
        role_rows=[(role.label, role.description) for role in Role],
    )


@login_required
def person_add(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _organisation(request, org)
    form = PersonAddForm(data=request.POST if request.method == "POST" else None, initial={"role": Role.LEAD_OFFICER})
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            membership = membership_add(
                organisation=organisation,
                actor=signed_in(request.user),
                email=data["email"],
                full_name=data["full_name"],
                role=Role(data["role"]),
                job_title=data["job_title"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            invited = membership.user.invited_at and not membership.user.accepted_at
            messages.success(
                request,
                f"{membership.user} is now a {membership.get_role_display().lower()}."
                + (f" An invitation to set a password is being emailed to {membership.user.email}." if invited else ""),
            )
            return redirect("settings:people", org=organisation.slug)
    return _page(request, "person_add.html", organisation, form=form)


def _membership(organisation: Organisation, pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=organisation)


@login_required
def person_role(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, org)
    membership = _membership(organisation, pk)
    data = request.POST if request.method == "POST" else None
    form = RoleForm(data=data, initial={"role": membership.role})
    manager_form = LineManagerForm(
        data=data,
        organisation=organisation,
        person=membership.user,
        initial={"line_manager": membership.user.line_manager_id},
    )
    if request.method == "POST" and form.is_valid() and manager_form.is_valid():
        chosen = manager_form.cleaned_data["line_manager"]
        try:
            with transaction.atomic():
                membership_role_change(
                    membership=membership, actor=signed_in(request.user), role=Role(form.cleaned_data["role"])
                )
                person_line_manager_set(
                    membership=membership,
                    actor=signed_in(request.user),
                    line_manager=User.objects.get(pk=chosen) if chosen else None,
                )
        except ValidationError as error:
            add_service_errors(manager_form if "line_manager" in getattr(error, "error_dict", {}) else form, error)
        else:
            messages.success(request, f"{membership.user}’s role and line manager have been saved.")
            return redirect("settings:people", org=organisation.slug)
    return _page(request, "person_role.html", organisation, form=form, manager_form=manager_form, membership=membership)


@login_required
def person_remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, org)
    membership = _membership(organisation, pk)
    problem = ""
    if request.method == "POST":
        try:
            membership_remove(membership=membership, actor=signed_in(request.user))
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"{membership.user} no longer has a role at {organisation}.")
            return redirect("settings:people", org=organisation.slug)
    return _page(request, "person_remove.html", organisation, membership=membership, problem=problem)


@login_required
@require_POST
def person_invite(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Send (or send again) the invitation to set a password."""
    organisation = _organisation(request, org)
    membership = _membership(organisation, pk)
    try:
        invitation_send(user=membership.user, organisation=organisation, actor=signed_in(request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"A new invitation is being emailed to {membership.user.email}.")
    return redirect("settings:people", org=organisation.slug)


@login_required
def person_deactivate(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _organisation(request, org)
    membership = _membership(organisation, pk)
    problem = ""
    if request.method == "POST":
        try:
            if membership.user.is_active:
                person_deactivate_service(membership=membership, actor=signed_in(request.user))
                messages.success(request, f"{membership.user} has been deactivated: they can no longer sign in.")
            else:
                person_reactivate(membership=membership, actor=signed_in(request.user))
                messages.success(request, f"{membership.user} has been reactivated: they can sign in again.")
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            return redirect("settings:people", org=organisation.slug)
    return _page(request, "person_deactivate.html", organisation, membership=membership, problem=problem)


_PEOPLE_SALT = "peerplan.accounts.people-upload"


@login_required
def people_upload(request: HttpRequest, org: str) -> HttpResponse:
    """Add many people from a CSV or Excel file: check it, show who will be added, then add and invite them."""
    organisation = _organisation(request, org)
    if request.method == "POST" and "people" in request.POST:
        return _people_confirm(request, organisation)
    form = PeopleFileForm(data=request.POST or None, files=request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_PEOPLE_BYTES:
            problems = [f"{upload.name} is {upload.size // 1024} KB; the limit is {MAX_PEOPLE_BYTES // 1024} KB"]
        else:
            found = read_people(upload.read(), upload.name or "the file")
            problems = found.problems + people_already_here(organisation=organisation, rows=found.rows)
            if not problems and not found.rows:
                problems = [f"{upload.name} lists nobody to add"]
            if not problems:
                signed = signing.dumps([r.as_dict() for r in found.rows], salt=_PEOPLE_SALT, compress=True)
                return _page(request, "people_preview.html", organisation, rows=found.rows, signed=signed)
    return _page(request, "people_upload.html", organisation, form=form, problems=problems)


def _people_confirm(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    try:
        rows = [PersonRow(**r) for r in signing.loads(request.POST["people"], salt=_PEOPLE_SALT, max_age=3600)]
    except (signing.BadSignature, TypeError):
        messages.error(request, "The list has expired or was changed. Upload the file again.")
        return redirect("settings:people-upload", org=organisation.slug)
    try:
        added = people_add_many(organisation=organisation, actor=signed_in(request.user), rows=rows)
    except ValidationError as error:
        form = PeopleFileForm()
        return _page(request, "people_upload.html", organisation, form=form, problems=error.messages)
    who = "1 person has" if len(added) == 1 else f"{len(added)} people have"
    messages.success(request, f"{who} been added. Each is being emailed an invitation.")
    return redirect("settings:people", org=organisation.slug)
