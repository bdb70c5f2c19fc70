"""The one definition of overdue and of each action's headline position, in Python and in SQL, agree."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from peerplan.accounts.models import Organisation
from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import Headline, figures_of, headline_of, headline_q, is_overdue, overdue_q
from peerplan.plans.models import Action, Recommendation, Review
from peerplan.shared.rag import Rag

AT = date(2025, 9, 30)
DUES = [None, date(2025, 9, 29), AT, date(2025, 10, 1)]
STATUSES = ["", *(s.value for s in ActionStatus)]
RATINGS = ["", *(r.value for r in Rag)]


def test_overdue_means_open_and_due_before_the_day() -> None:
    assert is_overdue(due=date(2025, 9, 29), status="in-progress", at=AT)
    assert is_overdue(due=date(2025, 9, 29), status="", at=AT)
    assert is_overdue(due=date(2025, 9, 29), status="paused", at=AT)
    assert not is_overdue(due=AT, status="in-progress", at=AT)
    assert not is_overdue(due=None, status="in-progress", at=AT)
    for closed in ActionStatus.closed():
        assert not is_overdue(due=date(2020, 1, 1), status=closed, at=AT)


def test_an_overdue_action_is_overdue_whatever_its_rating_and_complete_means_complete() -> None:
    assert headline_of(status="in-progress", rag="green", overdue=True) == Headline.OVERDUE
    assert headline_of(status="complete", rag="red", overdue=False) == Headline.COMPLETE
    assert headline_of(status="ongoing", rag="complete", overdue=False) == Headline.CLOSED
    assert headline_of(status="no-further-action", rag="", overdue=False) == Headline.CLOSED
    assert headline_of(status="in-progress", rag="amber", overdue=False) == Headline.AT_RISK
    assert headline_of(status="proposed", rag="", overdue=False) == Headline.NOT_STARTED


def test_the_figures_partition_the_actions_and_each_table_adds_up() -> None:
    triples = [(s, r, o) for s, r, o in product(STATUSES, RATINGS, (False, True))]
    f = figures_of(triples)
    assert f.total == len(triples)
    assert sum(n for _, n in f.by_headline) == sum(n for _, n in f.by_rag) == sum(n for _, n in f.by_status) == f.total
    assert f.sentence().count(",") == len(Headline) - 2 and " and " in f.sentence()


@pytest.mark.django_db
def test_the_sql_rules_agree_with_the_python_rules(organisation: Organisation) -> None:
    review = Review.objects.create(organisation=organisation, title="Every combination", kind="inspection")
    rec = Recommendation.objects.create(review=review, ref="1", text="Do it", order=0)
    expected: dict[int, tuple[Headline, bool]] = {}
    for i, (status, rag, due) in enumerate(product(STATUSES, RATINGS, DUES)):
        action = Action.objects.create(
            review=review,
            recommendation=rec,
            sort_key=f"{i:04d}",
            text=f"Action {i}",
            status=status,
            rag=rag,
            due_date=due,
        )
        late = is_overdue(due=due, status=status, at=AT)
        assert action.is_overdue(at=AT) == late
        expected[action.pk] = (headline_of(status=status, rag=rag, overdue=late), late)
    actions = Action.objects.filter(review=review)
    assert set(actions.overdue(at=AT).values_list("pk", flat=True)) == {pk for pk, (_, o) in expected.items() if o}
    assert set(actions.filter(overdue_q(at=AT)).values_list("pk", flat=True)) == {
        pk for pk, (_, o) in expected.items() if o
    }
    for headline in Headline:
        found = set(actions.filter(headline_q(headline, at=AT)).values_list("pk", flat=True))
        assert found == {pk for pk, (h, _) in expected.items() if h == headline}, headline
