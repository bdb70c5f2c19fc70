"""Everything an importer can produce loads or is refused with a message naming the place: never a traceback.

The probe's inputs: a CSV with only Action, Lead officer and Timescale columns, a ref over 20 characters,
a timescale over 500 characters, a NUL character.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django import Settings

from peerplan.accounts.enums import Role
from peerplan.importers import parse_file
from peerplan.plans.loading import LoadError, plan_load
from peerplan.plans.models import Review
from peerplan.plans.planformat import PlanFormatError, json_schema, parse_document
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

HEAD = "Ref,Recommendation,Action,Lead officer,Timescale\n"
PLANS = {
    "three-columns.csv": (
        "Action,Lead officer,Timescale\nImprove the website,Head of Digital,March 2027\n",
        "recommendation 1, text: is blank; every recommendation and action needs its wording",
    ),
    "long-ref.csv": (HEAD + "R" * 30 + ",Do things,Act on it,Jo Bloggs,March 2027\n", "ref: is 30 characters long"),
    "long-timescale.csv": (
        HEAD + "1,Do things,Act on it,Jo Bloggs," + "March 2027 " * 60 + "\n",
        "recommendation 1, action 1, timescale: is 659 characters long; the most is 500",
    ),
}


@pytest.mark.parametrize("name", PLANS)
def test_a_plan_that_parses_but_cannot_be_stored_is_refused_with_the_place(name: str) -> None:
    text, message = PLANS[name]
    result = parse_file(text.encode(), name)
    for commit in (False, True):
        with pytest.raises(LoadError, match=message):
            plan_load(document=result.document, organisation_name="Brackenridge", commit=commit)
    assert not Review.objects.exists()


@pytest.mark.parametrize("name", PLANS)
def test_the_import_command_says_what_is_wrong_even_in_a_dry_run(name: str, tmp_path: Path) -> None:
    text, message = PLANS[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(CommandError, match=message):
        call_command("import", str(path), organisation="Brackenridge", stdout=io.StringIO())


@pytest.mark.parametrize("name", PLANS)
def test_the_browser_import_explains_instead_of_failing(name: str, settings: Settings, tmp_path: Path) -> None:
    """The check page names what will not fit (cut to fit, as a doubt); what cannot be stored at all is said
    when the person confirms. Never an HTTP 500, never a partial plan."""
    settings.PEERPLAN_HOME = tmp_path
    org = f.council()
    client = Client()
    client.force_login(f.person(org, Role.PLAN_MANAGER, "pm@brackenridge.example"))
    text, message = PLANS[name]
    checked = client.post("/import/", {"file": SimpleUploadedFile(name, text.encode())}, follow=True)
    assert checked.status_code == 200
    assert "Things to check" in checked.content.decode()
    confirmed = client.post("/import/check/", {"confirm": "1", "title": "Audit", "kind": "other"}, follow=True)
    page = confirmed.content.decode()
    assert confirmed.status_code == 200
    if name == "three-columns.csv":  # no recommendation text at all: nothing can be stored
        assert "There is a problem" in page and "The plan was not saved" in page and message in page
        assert not Review.objects.exists()
    else:  # cut to fit, as the check page said
        assert Review.objects.count() == 1


def test_a_nul_or_control_character_in_a_plan_document_is_named_with_its_path() -> None:
    doc: dict[str, Any] = {
        "review": {"title": "Audit"},
        "recommendations": [{"text": "Fine", "actions": [{"text": "Bad\x00one"}]}],
    }
    with pytest.raises(PlanFormatError) as caught:
        parse_document(doc)
    assert caught.value.problems == [
        "recommendations[0].actions[0].text: contains a NUL character (U+0000) at position 4; remove it"
    ]
    doc["recommendations"][0]["actions"][0]["text"] = "Bell\x07"
    with pytest.raises(PlanFormatError, match=r"control character \(U\+0007\) at position 5"):
        parse_document(doc)


def test_text_extracted_from_a_file_has_its_control_characters_dropped() -> None:
    from peerplan.plans.planformat import Action

    assert Action(text="Step\x00 one\x1b").text == "Step one"


def test_the_schema_carries_the_database_limits() -> None:
    schema = json.dumps(json_schema())
    assert '"maxLength": 20' in schema and '"maxLength": 500' in schema


def test_a_control_character_an_importer_let_through_is_dropped_when_the_plan_is_stored() -> None:
    from peerplan.plans.models import Action

    document = parse_file(HEAD.encode() + b"1,Do things,Act on it,Jo Bloggs,March 2027\n", "plan.csv").document
    document.recommendations[0].actions[0].timescale = "bi\x02 annually"  # as a PDF's soft hyphen comes out
    plan_load(document=document, organisation_name="Brackenridge", commit=True)
    assert Action.objects.get().timescale == "bi annually"
