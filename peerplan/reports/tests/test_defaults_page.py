"""/reports/defaults/<council>/: administrators set the usual wording and the sections, in order, per council."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.audit.models import AuditEntry
from peerplan.plans.models import Review
from peerplan.reports.compose import compose
from peerplan.reports.defaults import TEXT_FIELDS
from peerplan.reports.models import ReportDefaults
from peerplan.reports.sections import DEFAULT_SECTIONS, STANDARD_IMPLICATIONS
from peerplan.reports.services import report_input_build
from peerplan.testing import factories as f

from .conftest import Q2_END


@pytest.fixture
def administrator(eastmoor: Organisation) -> User:
    return f.person(eastmoor, Role.ADMINISTRATOR, "admin@eastmoor.example", "Ada Min")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def posted(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {name: f"Usual {name}" for name, _, _ in TEXT_FIELDS}
    data |= {f"position_{key}": str(n) for n, key in enumerate(DEFAULT_SECTIONS, start=1)}
    data |= {f"title_{key}": "" for key in DEFAULT_SECTIONS}
    data["implications_as"] = "subsections"
    for index, item in enumerate(STANDARD_IMPLICATIONS):
        data |= {f"implication_{index}_title": item.title, f"implication_{index}_text": item.text}
        data[f"implication_{index}_position"] = str(index + 1)
    for index in range(len(STANDARD_IMPLICATIONS), len(STANDARD_IMPLICATIONS) + 2):
        data |= {
            f"implication_{index}_title": "",
            f"implication_{index}_text": "",
            f"implication_{index}_position": "end",
        }
    return data | changes


def url(org: Organisation) -> str:
    return reverse("reports:defaults", args=[org.slug])


def test_only_administrators_change_the_councils_report_defaults(
    eastmoor: Organisation, administrator: User, plan_manager: User
) -> None:
    assert signed_in(administrator).get(url(eastmoor)).status_code == 200
    assert signed_in(plan_manager).get(url(eastmoor)).status_code == 403
    assert signed_in(plan_manager).post(url(eastmoor), posted()).status_code == 403
    assert not ReportDefaults.objects.exists()


def test_sections_reordered_and_left_out_shape_every_later_report(
    eastmoor: Organisation, administrator: User, review: Review
) -> None:
    data = posted(
        position_exceptions="3",
        position_background="",
        position_consultation="",
        position_reasons="",
        position_recommendations="2",
        position_progress="4",
        position_changes="5",
        implication_5_title="Health and safety",
        implication_5_text="None arising from this report.",
        implication_2_text="Exceptions are in {section:exceptions}.",
    )
    response = signed_in(administrator).post(url(eastmoor), data)
    assert response.status_code == 302
    defaults = ReportDefaults.objects.get(organisation=eastmoor)
    assert defaults.sections[:5] == ["purpose", "recommendations", "exceptions", "progress", "changes"]
    assert "background" not in defaults.sections and "consultation" not in defaults.sections
    assert defaults.implications[-1] == {
        "key": "health-and-safety",
        "title": "Health and safety",
        "text": "None arising from this report.",
        "on": True,
    }
    assert AuditEntry.objects.filter(verb="changed", organisation=eastmoor).count() == 1

    built = report_input_build(
        review=review, as_of=Q2_END, kind="progress", layout="objectives", committee=None, meeting_date=None
    )
    doc = compose(built)
    headings = [s.heading for s in doc.sections]
    assert headings[:3] == ["1. Purpose of the report", "2. Recommendations", "3. Exceptions"]
    assert not any(h.endswith((". Background", ". Consultation")) for h in headings)
    implications = next(s for s in doc.sections if s.heading.endswith("Implications"))
    texts = [getattr(b, "text", "") for b in implications.blocks]
    assert "Exceptions are in section 3." in texts
    assert "None arising from this report." in texts


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"position_progress": "1"}, "are both at position 1"),
        ({"position_purpose": ""}, "must have these sections: Purpose of the report"),
        ({"implication_5_text": "None."}, "Give implication 6 a title, for example Social value"),
        (
            {"implication_5_title": "financial implications", "implication_5_text": "None."},
            "financial implications is already implication 1: give each implication its own title",
        ),
        ({"implication_5_title": "x" * 201}, "Implication 6: title must be 200 characters or fewer"),
        ({"title_background": "y" * 201}, "Background: title must be 200 characters or fewer"),
        ({"title_background": "Exceptions"}, "Exceptions and Background are both titled Exceptions"),
        ({"implication_1_position": "1"}, "Implications 1 and 2 are both at position 1"),
        ({"implications_as": "columns"}, "Choose how reports set out the implications from the list"),
        ({"position_changes": "99"}, "Choose a position for Changes since the last report from the list"),
        ({"reasons": "x" * 5001}, "Reasons for the recommendations must be 5,000 characters or fewer"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_saves_nothing(
    eastmoor: Organisation, administrator: User, changes: dict[str, str], message: str
) -> None:
    response = signed_in(administrator).post(url(eastmoor), posted(**changes))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not ReportDefaults.objects.exists()


def test_a_council_renames_sections_and_adds_reorders_and_switches_off_implications(
    eastmoor: Organisation, administrator: User, review: Review
) -> None:
    data = posted(
        title_recommendations="Recommendation(s) to Cabinet",
        title_background="Background and key issues",
        implications_as="sections",
        implication_1_position="",  # legal: switched off
        implication_2_position="1",  # risk first
        implication_0_position="2",
        implication_0_title="Resource implications",  # Test Valley's word for financial
        implication_5_title="Social value",
        implication_5_text="None.",
    )
    client = signed_in(administrator)
    assert client.post(url(eastmoor), data).status_code == 302
    defaults = ReportDefaults.objects.get(organisation=eastmoor)
    assert defaults.section_titles == {
        "recommendations": "Recommendation(s) to Cabinet",
        "background": "Background and key issues",
    }
    assert [(i["key"], i["title"], i["on"]) for i in defaults.implications] == [
        ("risk", "Risk implications", True),
        ("financial", "Resource implications", True),
        ("equalities", "Equalities implications", True),
        ("environmental", "Environmental implications", True),
        ("social-value", "Social value", True),
        ("legal", "Legal implications", False),
    ]
    entry = AuditEntry.objects.get(verb="changed", organisation=eastmoor)
    assert set(entry.changes) >= {"section_titles", "implications", "implications_as"}

    page = client.get(url(eastmoor)).content.decode()
    assert 'value="Recommendation(s) to Cabinet"' in page
    assert "Implication 6: Legal implications" in page  # switched off, kept to switch on again
    assert "A new kind of implication" in page

    built = report_input_build(
        review=review, as_of=Q2_END, kind="progress", layout="objectives", committee=None, meeting_date=None
    )
    headings = [s.heading for s in compose(built).sections]
    assert headings[1:3] == ["2. Recommendation(s) to Cabinet", "3. Background and key issues"]
    assert headings[10:16] == [
        "11. Risk implications",
        "12. Resource implications",
        "13. Equalities implications",
        "14. Environmental implications",
        "15. Social value",
        "16. Background papers",
    ]


def test_a_kind_the_council_added_is_removed_by_emptying_it_and_a_standard_one_keeps_its_title(
    eastmoor: Organisation, administrator: User
) -> None:
    client = signed_in(administrator)
    client.post(url(eastmoor), posted(implication_5_title="Social value", implication_5_text="None."))
    assert len(ReportDefaults.objects.get().implications) == 6
    emptied = posted(implication_0_title="", implication_5_title="", implication_5_text="", implication_5_position="6")
    assert client.post(url(eastmoor), emptied).status_code == 302
    titles = [i["title"] for i in ReportDefaults.objects.get().implications]
    assert titles == [i.title for i in STANDARD_IMPLICATIONS]


def test_a_council_with_thirty_implications_is_told_to_remove_one_before_adding_another(
    eastmoor: Organisation, administrator: User
) -> None:
    many = [{"key": f"kind-{n}", "title": f"Kind {n}", "text": "None.", "on": True} for n in range(30)]
    ReportDefaults.objects.create(organisation=eastmoor, implications=many)
    data = posted()
    for index, item in enumerate(many):
        data |= {f"implication_{index}_title": item["title"], f"implication_{index}_text": "None."}
        data[f"implication_{index}_position"] = str(index + 1)
    data |= {"implication_30_title": "Social value", "implication_30_text": "None.", "implication_30_position": "end"}
    response = signed_in(administrator).post(url(eastmoor), data)
    assert (
        "There can be at most 30 implications: remove one you added before adding another" in response.content.decode()
    )
    assert len(ReportDefaults.objects.get().implications) == 30
