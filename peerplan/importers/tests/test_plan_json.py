"""A plan exported as peerplan.plan/1 JSON comes back in through the same import, as it was."""

from __future__ import annotations

import json

import pytest

from peerplan.importers import PlanImportError, parse_file
from peerplan.plans.exporting import export_review
from peerplan.plans.planformat import dump
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db


def test_an_exported_plan_is_read_back_as_it_was() -> None:
    review = f.review(f.council())
    f.action(f.recommendation(review, "Refresh the constitution.", "KR1"), "Review the scheme of delegation")
    exported = dump(export_review(review))
    result = parse_file(json.dumps(exported).encode(), "plan.json")
    assert dump(result.document) == exported
    assert result.doubts == []


def test_json_that_is_not_a_plan_says_what_is_wrong_and_where() -> None:
    with pytest.raises(PlanImportError, match=r"not a valid peerplan.plan/1 document: .*review"):
        parse_file(b'{"format": "peerplan.plan/1", "recommendations": []}', "plan.json")
    with pytest.raises(PlanImportError, match="not JSON"):
        parse_file(b"{not json", "plan.json")
