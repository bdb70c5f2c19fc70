"""Bringing a plan in through the browser: upload, check, correct the columns, confirm; nothing before."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.importers.models import ImportDraft
from peerplan.plans.models import Action, Review
from peerplan.testing import factories as f

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

CSV = (
    "Ref,Recommendation,Action,Lead,Timescale,Status\n"
    "1,Refresh the constitution,Review the scheme of delegation,Monitoring Officer,March 2026,In progress\n"
    "2,Agree a housing plan,Draft the plan with partners,Head of Housing,When resources allow,Not started\n"
)


@pytest.fixture
def org() -> Organisation:
    return f.council()


@pytest.fixture
def manager(org: Organisation, settings: Settings, tmp_path: Path) -> Client:
    settings.PEERPLAN_HOME = tmp_path
    client = Client()
    client.force_login(f.person(org, Role.PLAN_MANAGER, "pm@brackenridge.example"))
    return client


def upload(client: Client, content: bytes | None = None, name: str = "plan.csv") -> _MonkeyPatchedWSGIResponse:
    content = CSV.encode() if content is None else content
    return client.post("/import/", {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_preview_shows_what_was_found_and_stores_nothing(manager: Client) -> None:
    page = upload(manager).content.decode()
    assert "Check the plan found in plan.csv" in page
    assert "Review the scheme of delegation" in page
    assert "Would create" in page
    assert "When resources allow (not understood: check it)" in page, "a timescale not understood is flagged"
    assert not Review.objects.exists()
    assert not AuditEntry.objects.filter(verb="loaded plan").exists()


def test_confirming_stores_the_plan_with_the_name_given(manager: Client) -> None:
    upload(manager)
    response = manager.post(
        "/import/check/", {"confirm": "1", "title": "Peer challenge 2025", "kind": "corporate-peer-challenge"}
    )
    assert response.status_code == 302 and response["Location"] == "/import/check/"
    response = manager.get("/import/check/")  # the worker has saved it (the tests run tasks at once)
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reviews/{review.pk}/"
    assert review.title == "Peer challenge 2025"
    assert Action.objects.filter(review=review).count() == 2
    assert AuditEntry.objects.get(verb="loaded plan").actor_name == "Pm"


def test_a_column_can_be_read_as_something_else(manager: Client) -> None:
    page = upload(manager).content.decode()
    assert "Column “Lead”" in page
    assert "Read as the owner (lead officer): the heading “Lead” names it." in page, "each column shows its reason"
    headings = ["Ref", "Recommendation", "Action", "Lead", "Timescale", "Status"]
    fields = {
        "Ref": "ref",
        "Recommendation": "recommendation",
        "Action": "action",
        "Lead": "ignore",
        "Timescale": "timescale",
        "Status": "status",
    }
    data = {f"column_{i}": fields[h] for i, h in enumerate(headings)}
    manager.post("/import/check/", {"apply_mapping": "1", **data})
    page = manager.get("/import/check/").content.decode()
    assert "Not read: as you set it." in page
    manager.post("/import/check/", {"confirm": "1", "title": "Plan", "kind": "other"})
    manager.get("/import/check/")
    review = Review.objects.get()
    assert not any(r.owners.exists() for r in review.recommendations.all())


def test_a_kind_of_file_that_cannot_be_read_is_explained_at_the_field(manager: Client) -> None:
    page = upload(manager, b"\x00\x01\x02 binary", "plan.exe").content.decode()
    assert "There is a problem" in page
    assert "plan.exe" in page
    assert not ImportDraft.objects.exists()


def test_no_file_chosen_is_asked_for_in_words(manager: Client) -> None:
    page = manager.post("/import/", {"organisation": ""}).content.decode()  # as a browser sends it
    assert "Choose the file with the action plan" in page
    assert "Select upload" not in page
    assert not ImportDraft.objects.exists()


def test_a_damaged_file_is_explained_and_nothing_is_stored(manager: Client) -> None:
    page = upload(manager, b"\x00\x01\x02 binary", "plan.docx").content.decode()
    assert "plan.docx could not be read" in page
    assert "Upload another file" in page
    assert not Review.objects.exists()
    assert manager.post("/import/check/", {"cancel": "1"})["Location"] == "/import/"
    assert not ImportDraft.objects.exists()


def test_an_empty_upload_is_refused(manager: Client) -> None:
    page = upload(manager, b"", "plan.csv").content.decode()
    assert "There is a problem" in page


def test_cancelling_forgets_the_upload(manager: Client) -> None:
    upload(manager)
    manager.post("/import/check/", {"cancel": "1"})
    assert manager.get("/import/check/")["Location"] == "/import/"
    assert not Review.objects.exists()


def test_only_plan_managers_and_administrators_may_import(org: Organisation) -> None:
    assert Client().get("/import/").status_code == 302
    for role in (Role.LEAD_OFFICER, Role.COUNCILLOR, Role.GUEST):
        client = Client()
        client.force_login(f.person(org, role, f"{role.value}@brackenridge.example"))
        assert client.get("/import/").status_code == 403, role
        assert client.get("/import/check/").status_code == 403, role  # refused, not sent on to /import/


def test_the_upload_page_offers_the_plan_waiting_and_a_new_upload_replaces_it(manager: Client) -> None:
    upload(manager)
    page = manager.get("/import/").content.decode()
    assert "plan.csv is waiting to be checked" in page
    upload(manager, name="other.csv")
    assert list(ImportDraft.objects.values_list("filename", flat=True)) == ["other.csv"]
    assert "Check the plan found in other.csv" in manager.get("/import/check/").content.decode()


def test_a_plan_waiting_to_be_checked_survives_signing_in_again(manager: Client) -> None:
    upload(manager)
    person = ImportDraft.objects.get().created_by
    again = Client()  # a new sign-in: another session, another browser
    again.force_login(person)
    assert "plan.csv is waiting to be checked" in again.get("/import/").content.decode()
    assert "Check the plan found in plan.csv" in again.get("/import/check/").content.decode()
    stranger = Client()
    stranger.force_login(f.person(person_org(person), Role.PLAN_MANAGER, "pm2@brackenridge.example"))
    assert "waiting to be checked" not in stranger.get("/import/").content.decode()  # another person's is not


def person_org(person: User) -> Organisation:
    return person.memberships.get().organisation


def test_a_row_on_a_later_page_of_rows_can_be_marked(manager: Client) -> None:
    rows = "".join(f"{n},Recommendation {n} in full,Action {n},Head of Service,March 2027\n" for n in range(1, 131))
    upload(manager, ("Ref,Recommendation,Action,Lead officer,Timescale\n" + rows).encode())
    page = manager.get("/import/check/?rows=2").content.decode()
    assert 'action="/import/check/?rows=2#rows"' in page
    manager.post("/import/check/?rows=2", {"mark_row": "1", "row": "row 120", "read_as": "ignore"})
    draft = ImportDraft.objects.get()
    assert draft.marks == {"row 120": "ignore"}
    assert "row 120: not read (as you marked it)" in manager.get("/import/check/?rows=2").content.decode().replace(
        '</td><td class="govuk-table__cell">', ": "
    )


def test_a_failed_save_can_be_confirmed_again(manager: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from peerplan.importers import drafts
    from peerplan.plans.loading import LoadError

    upload(manager)

    def refuse(**kwargs: object) -> None:
        raise LoadError("The database said no.")

    monkeypatch.setattr(drafts, "plan_load", refuse)
    manager.post("/import/check/", {"confirm": "1", "title": "Plan", "kind": "other"})
    page = manager.get("/import/check/").content.decode()
    assert "The plan was not saved: The database said no." in page
    monkeypatch.undo()
    manager.post("/import/check/", {"confirm": "1", "title": "Plan", "kind": "other"})
    assert manager.get("/import/check/")["Location"].startswith("/reviews/")
    assert Review.objects.get().title == "Plan"


def test_a_lead_member_column_is_read_and_loads(manager: Client) -> None:
    csv = (
        "Ref,Recommendation,Action,Lead officer,Portfolio holder\n"
        "1,Agree a housing plan,Draft the plan with partners,Head of Housing,Cllr Jo Bloggs\n"
    )
    page = upload(manager, csv.encode()).content.decode()
    assert "Read as the lead member: the heading “Portfolio holder” names it." in page
    assert "(lead member: Cllr Jo Bloggs)" in page
    manager.post("/import/check/", {"confirm": "1", "title": "Housing", "kind": "other"})
    manager.get("/import/check/")
    action = Action.objects.get(text="Draft the plan with partners")
    assert action.lead_member is not None and action.lead_member.name == "Cllr Jo Bloggs"
