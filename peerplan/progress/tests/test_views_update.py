"""Posting an update and asking for a revised due date, as a lead officer would in the browser."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerplan.audit.models import AuditEntry
from peerplan.plans.clock import add_months
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action, DueDateRevision
from peerplan.progress.forms import RevisionRequestForm, parse_evidence
from peerplan.progress.models import ProgressUpdate
from peerplan.shared.rag import Rag
from peerplan.ui.forms import example_date_hint

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client: Client, lead_officer: Any) -> Client:
    client.force_login(lead_officer)
    return client


def form_data(action: Action, **changes: Any) -> dict[str, Any]:
    data = {
        "status": ActionStatus.IN_PROGRESS,
        "rag": action.rag,
        "rag_reason": "",
        "percent_complete": "40",
        "commentary": "Workshops held with all three partnership boards.",
        "evidence": "https://example.gov.uk/minutes\nCabinet minutes, 12 March 2026, item 7",
        "version": action.version,
    }
    data.update(changes)
    return data


def test_an_update_is_saved_and_carried_onto_the_action(officer_client: Client, action: Action) -> None:
    url = reverse("progress:action-update", args=[action.pk])
    response = officer_client.post(url, form_data(action, rag=Rag.AMBER, rag_reason="Consultant started late."))
    assert response.status_code == 302 and response["Location"] == reverse("progress:action", args=[action.pk])
    update = ProgressUpdate.objects.get(action=action)
    assert update.evidence == ["https://example.gov.uk/minutes", "Cabinet minutes, 12 March 2026, item 7"]
    assert update.date == timezone.localdate()
    action.refresh_from_db()
    assert (action.rag, action.rag_reason, action.percent_complete, action.version) == (
        Rag.AMBER,
        "Consultant started late.",
        40,
        2,
    )
    assert AuditEntry.objects.filter(target_type="action", target_id=str(action.pk)).exists()
    assert "has been saved" in officer_client.get(response["Location"]).content.decode()


def test_a_rag_change_without_a_reason_is_refused_at_the_field(officer_client: Client, action: Action) -> None:
    response = officer_client.post(reverse("progress:action-update", args=[action.pk]), form_data(action, rag=Rag.RED))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_rag_reason">Say why the RAG rating changed' in page
    assert 'id="id_rag_reason-error"' in page
    assert not ProgressUpdate.objects.exists()
    action.refresh_from_db()
    assert action.rag == Rag.GREEN and action.version == 1


def test_the_same_rating_needs_no_reason(officer_client: Client, action: Action) -> None:
    response = officer_client.post(reverse("progress:action-update", args=[action.pk]), form_data(action))
    assert response.status_code == 302


def test_a_second_update_from_a_stale_form_is_refused_and_the_first_kept(
    client: Client, user: Any, lead_officer: Any, action: Action
) -> None:
    url = reverse("progress:action-update", args=[action.pk])
    opened_version = action.version
    manager = Client()
    manager.force_login(user)
    first = manager.post(url, form_data(action, commentary="The plan manager's update."))
    assert first.status_code == 302

    client.force_login(lead_officer)
    second = client.post(url, form_data(action, commentary="My own words.", version=opened_version))

    page = second.content.decode()
    assert second.status_code == 200
    assert "Someone else updated this action" in page
    assert "My own words." in page  # their text is kept in the form
    assert "The plan manager&#x27;s update." in page  # and the other update shown
    assert list(ProgressUpdate.objects.values_list("commentary", flat=True)) == ["The plan manager's update."]
    action.refresh_from_db()
    assert f'name="version" value="{action.version}"' in page  # sending again, having read it, is allowed


def test_evidence_must_be_a_link_or_a_short_reference() -> None:
    assert parse_evidence(" https://example.gov.uk/a \n\nReport to Cabinet 3/26\n") == [
        "https://example.gov.uk/a",
        "Report to Cabinet 3/26",
    ]
    with pytest.raises(Exception, match="line 1 must be a full web address"):
        parse_evidence("javascript://alert(1)")
    with pytest.raises(Exception, match="line 2 must be a link or a reference"):
        parse_evidence("ok\n" + "x" * 121)


def test_bad_evidence_is_shown_at_its_field(officer_client: Client, action: Action) -> None:
    response = officer_client.post(
        reverse("progress:action-update", args=[action.pk]), form_data(action, evidence="http://not a url")
    )
    assert 'href="#id_evidence">Evidence line 1' in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_asking_for_a_revised_due_date_records_the_request(officer_client: Client, action: Action) -> None:
    assert action.due_date is not None
    new_due: date = action.due_date + timedelta(days=90)
    response = officer_client.post(
        reverse("progress:action-revise-date", args=[action.pk]),
        {
            "new_due_day": new_due.day,
            "new_due_month": new_due.month,
            "new_due_year": new_due.year,
            "reason": "The supplier went into administration.",
        },
    )
    assert response.status_code == 302
    revision = DueDateRevision.objects.get(action=action)
    assert (revision.previous_due, revision.new_due, revision.requested_on) == (
        action.due_date,
        new_due,
        timezone.localdate(),
    )


def test_the_revised_date_hint_is_a_date_the_form_accepts_from_the_clock_passed_in(action: Action) -> None:
    assert action.due_date is not None
    later = RevisionRequestForm(action=action, today=action.due_date + timedelta(days=400))
    assert later.fields["new_due"].help_text == example_date_hint(add_months(action.due_date + timedelta(days=400), 3))
    earlier = RevisionRequestForm(action=action, today=action.due_date - timedelta(days=400))
    assert earlier.fields["new_due"].help_text == example_date_hint(add_months(action.due_date, 3))


def test_a_revised_date_must_be_later_and_have_a_reason(officer_client: Client, action: Action) -> None:
    response = officer_client.post(
        reverse("progress:action-revise-date", args=[action.pk]),
        {"new_due_day": "1", "new_due_month": "1", "new_due_year": "2020", "reason": ""},
    )
    page = response.content.decode()
    assert "New due date must be after the current due date" in page
    assert "Enter why the due date needs to change" in page
    assert not DueDateRevision.objects.exists()


def test_the_action_page_shows_history_newest_first(officer_client: Client, action: Action) -> None:
    for day, text in ((date(2026, 1, 10), "First words."), (date(2026, 4, 10), "Latest words.")):
        ProgressUpdate.objects.create(action=action, date=day, status="in-progress", rag="green", commentary=text)
    page = officer_client.get(reverse("progress:action", args=[action.pk])).content.decode()
    assert page.index("Latest words.") < page.index("First words.")


def test_a_stale_form_hears_of_the_conflict_before_any_other_error(
    client: Client, user: Any, lead_officer: Any, action: Action
) -> None:
    url = reverse("progress:action-update", args=[action.pk])
    stale = form_data(action, commentary="Written before the manager's update.")
    manager = Client()
    manager.force_login(user)
    assert manager.post(url, form_data(action, rag=Rag.RED, rag_reason="Budget cut.")).status_code == 302

    client.force_login(lead_officer)
    page = client.post(url, stale).content.decode()

    summary = page[page.index("There is a problem") :]
    assert summary.index("Someone else updated this action") < summary.index("Say why the RAG rating changed")
    assert "Budget cut." in page and "Written before the manager" in page
    assert ProgressUpdate.objects.count() == 1


def test_the_form_and_action_page_show_the_rating_the_councils_rule_suggests(
    officer_client: Client, action: Action
) -> None:
    organisation = action.review.organisation
    organisation.rag_rule = "percentage"
    organisation.save()
    Action.objects.filter(pk=action.pk).update(percent_complete=10)  # at most 25% is red by default
    form_page = officer_client.get(reverse("progress:action-update", args=[action.pk])).content.decode()
    assert "Your council’s rule suggests" in form_page and "app-rag-tag--red" in form_page
    action_page = officer_client.get(reverse("progress:action", args=[action.pk])).content.decode()
    assert "Suggested by the council’s rule" in action_page and "the officer’s rating stands" in action_page


def test_a_commentary_over_the_limit_is_refused_with_the_limit_and_saves_nothing(
    officer_client: Client, action: Action
) -> None:
    url = reverse("progress:action-update", args=[action.pk])
    response = officer_client.post(url, form_data(action, commentary="x" * 60_000))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Progress update must be 10,000 characters or fewer" in page
    assert 'maxlength="' not in page


def test_an_update_keeps_its_public_summary_apart_from_the_commentary(officer_client: Client, action: Action) -> None:
    url = reverse("progress:action-update", args=[action.pk])
    response = officer_client.post(url, form_data(action, public_summary="  Partner workshops held.  "))
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(action=action)
    assert (update.commentary, update.public_summary) == (
        "Workshops held with all three partnership boards.",
        "Partner workshops held.",
    )
    assert "Partner workshops held." in officer_client.get(response["Location"]).content.decode()


def test_a_public_summary_longer_than_2000_characters_is_refused(officer_client: Client, action: Action) -> None:
    url = reverse("progress:action-update", args=[action.pk])
    response = officer_client.post(url, form_data(action, public_summary="x" * 2001))
    assert response.status_code == 200 and 'id="id_public_summary-error"' in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_audit_trail_does_not_record_a_status_that_did_not_change(officer_client: Client, action: Action) -> None:
    officer_client.post(reverse("progress:action-update", args=[action.pk]), form_data(action))
    entry = AuditEntry.objects.get(verb="posted an update")
    assert "status" not in entry.changes  # in progress before and after: no "In progress → In progress"
