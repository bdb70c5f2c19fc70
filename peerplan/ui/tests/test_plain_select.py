"""PlainSelect writes the same markup as Django's Select, escaping every label and value."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test.html import parse_html

from peerplan.plans.enums import ActionStatus
from peerplan.ui.plain_select import PlainSelect

CHOICES: list[tuple[Any, str]] = [
    ("", "Anyone"),
    (3, "Head of Place"),
    (12, '<script>alert("x")</script> & "Co"'),
    (ActionStatus.PAUSED, "Paused"),
]


@pytest.mark.parametrize("value", [None, "", "3", 12, "paused", "missing"])
def test_the_markup_is_djangos(value: Any) -> None:
    attrs = {"id": "id_owner", "class": "govuk-select", "aria-describedby": "owner-hint"}
    ours = PlainSelect(choices=CHOICES).render("owner", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("owner", value, attrs=attrs)
    assert parse_html(ours) == parse_html(django)


def test_labels_a_person_wrote_are_escaped() -> None:
    html = PlainSelect(choices=CHOICES).render("owner", "12")
    assert "<script>" not in html
    assert '<option value="12" selected>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;' in html


def test_the_plan_filter_marks_the_chosen_owner() -> None:
    field = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False, widget=PlainSelect)
    html = field.widget.render("owner", "3")
    assert '<option value="3" selected>Head of Place</option>' in html
    assert html.count(" selected") == 1
