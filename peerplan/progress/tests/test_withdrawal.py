"""Withdrawing a mistaken update: append-only, with a reason, shown in the history, out of the position."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.permissions import can_withdraw_update
from peerplan.audit.models import AuditEntry
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Action
from peerplan.progress.models import ProgressUpdate, UpdateWithdrawal
from peerplan.progress.services import action_update_post, progress_update_withdraw
from peerplan.progress.views.details import update_rows
from peerplan.shared.rag import Rag
from peerplan.testing.factories import Q1

pytest_plugins = ["peerplan.progress.tests.test_views_support"]  # its fixtures
pytestmark = pytest.mark.django_db
IN_Q1 = date(2026, 4, 20)


def post(action: Action, author: Any, on: date, **kw: Any) -> ProgressUpdate:
    action.refresh_from_db()
    fields = {"status": ActionStatus.IN_PROGRESS, "commentary": "Going well.", **kw}
    return action_update_post(action=action, author=author, on=on, **fields)


def test_withdrawing_the_latest_update_restores_the_position_of_the_one_before(
    action: Action, lead_officer: Any
) -> None:
    post(action, lead_officer, IN_Q1, rag=Rag.AMBER, rag_reason="Slipping", percent_complete=40)
    mistake = post(action, lead_officer, IN_Q1, status=ActionStatus.COMPLETE, rag=Rag.COMPLETE, rag_reason="Oops")
    progress_update_withdraw(update=mistake, actor=lead_officer, reason="Posted on the wrong action", on=IN_Q1)
    action.refresh_from_db()
    assert (action.status, action.rag, action.percent_complete) == (ActionStatus.IN_PROGRESS, Rag.AMBER, 40)
    assert list(ProgressUpdate.objects.filter(action=action)) != [] and mistake not in ProgressUpdate.objects.all()
    assert ProgressUpdate.history.filter(pk=mistake.pk).exists()  # append-only: nothing deleted
    entry = AuditEntry.objects.filter(verb="withdrew an update").get()
    assert entry.changes["reason"] == [None, "Posted on the wrong action"]
    assert entry.changes["rag"] == ["complete", "amber"]


def test_withdrawing_the_only_update_restores_the_position_before_it(action: Action, lead_officer: Any) -> None:
    mistake = post(action, lead_officer, IN_Q1, status=ActionStatus.COMPLETE, rag=Rag.RED, rag_reason="Typo")
    progress_update_withdraw(update=mistake, actor=lead_officer, reason="Wrong rating", on=IN_Q1)
    action.refresh_from_db()
    assert (action.status, action.rag) == (ActionStatus.IN_PROGRESS, Rag.GREEN)


def test_an_update_is_withdrawn_once_and_only_with_a_reason(action: Action, lead_officer: Any) -> None:
    update = post(action, lead_officer, IN_Q1)
    with pytest.raises(ValidationError, match="Say why"):
        progress_update_withdraw(update=update, actor=lead_officer, reason="  ", on=IN_Q1)
    progress_update_withdraw(update=update, actor=lead_officer, reason="Duplicate", on=IN_Q1)
    with pytest.raises(ValidationError, match="withdrawn already"):
        progress_update_withdraw(update=update, actor=lead_officer, reason="Again", on=IN_Q1)
    assert UpdateWithdrawal.objects.count() == 1


def test_who_may_withdraw(
    action: Action, lead_officer: Any, councillor: Any, make_user: Any, organisation: Any
) -> None:
    update = post(action, lead_officer, IN_Q1)
    update.action = action
    manager = make_user("pm@example.gov.uk", full_name="Pam", organisation=organisation, role=Role.PLAN_MANAGER)
    other = make_user("o@example.gov.uk", full_name="Oz", organisation=organisation, role=Role.LEAD_OFFICER)
    assert can_withdraw_update(lead_officer, update, at=Q1[1])  # the author, within the period
    assert not can_withdraw_update(lead_officer, update, at=date(2026, 7, 1))  # the period has ended
    assert can_withdraw_update(manager, update, at=date(2027, 1, 1))
    assert not can_withdraw_update(other, update, at=IN_Q1)
    assert not can_withdraw_update(councillor, update, at=IN_Q1)


def test_a_lead_officer_withdraws_a_mistake_and_the_history_shows_it(
    client: Client, action: Action, lead_officer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: IN_Q1)
    update = post(action, lead_officer, IN_Q1, rag=Rag.RED, rag_reason="Wrong action")
    client.force_login(lead_officer)
    page = client.get(reverse("progress:action", args=[action.pk])).content.decode()
    url = reverse("progress:update-withdraw", args=[update.pk])
    assert url in page
    response = client.post(url, {"reason": ""})
    assert "Enter why you are withdrawing this update" in response.content.decode()
    assert response.content.decode().count('class="govuk-error-summary"') == 1  # at the top, not twice
    assert client.post(url, {"reason": "x" * 2001}).status_code == 200
    assert not UpdateWithdrawal.objects.exists()
    response = client.post(url, {"reason": "Meant for action 1.2"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "(withdrawn)" in page and "Meant for action 1.2" in page
    action.refresh_from_db()
    assert action.rag == Rag.GREEN


def test_a_councillor_may_not_withdraw(client: Client, action: Action, lead_officer: Any, councillor: Any) -> None:
    update = post(action, lead_officer, IN_Q1)
    client.force_login(councillor)
    assert client.post(reverse("progress:update-withdraw", args=[update.pk]), {"reason": "No"}).status_code == 403
    assert not UpdateWithdrawal.objects.exists()


def test_a_reason_that_ends_with_a_full_stop_is_shown_with_one(action: Action, lead_officer: Any) -> None:
    update = post(action, lead_officer, IN_Q1)
    progress_update_withdraw(update=update, actor=lead_officer, reason="Posted on the wrong action.", on=IN_Q1)
    update = ProgressUpdate.history.select_related("withdrawal", "withdrawal__by").get(pk=update.pk)
    withdrawn = str(update_rows(update, words={})[0][1])
    assert "Posted on the wrong action. It no longer counts" in withdrawn
    assert ".." not in withdrawn
