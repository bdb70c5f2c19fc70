"""At 375 px ordinary words stay whole: 'Recommendation' in an action's context line, the plan's action texts and
owners. (A 3,000-character word still wraps: tests/browser/test_plan_phones.py.)
Screenshots: /tmp/shots/owners3-phone-words-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from peerplan.plans.models import Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375
CPC = "Corporate Peer Challenge 2025"

# Each visible word of letters in <main> whose letters sit on more than one line: a word split mid-word.
SPLIT_WORDS = """() => {
    const split = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('.govuk-visually-hidden, [hidden], script, style')) continue;
        for (const word of node.textContent.matchAll(/[A-Za-z]{4,30}/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size > 1) split.push(word[0]);
        }
    }
    return [...new Set(split)];
}"""


def test_at_375_px_no_ordinary_word_is_split_across_lines(browse: Any, page: Page) -> None:
    page.set_viewport_size({"width": PHONE, "height": 800})
    review = Review.objects.get(title=CPC)
    problems = []
    for email, path, name in [
        ("priya.shah@kestrelvale.example", reverse("progress:my-actions"), "my-actions"),
        ("cllr.reid@kestrelvale.example", reverse("progress:plan", args=[review.pk]), "plan"),
        ("cllr.reid@kestrelvale.example", "/", "dashboard"),
    ]:
        browse.sign_in(email)
        browse.go(path)
        browse.check(name)
        split = page.evaluate(SPLIT_WORDS)
        if split:
            problems.append(f"{path}: {', '.join(split[:10])}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            problems.append(f"{path}: the page is {width} px wide")
    assert not problems, "\n".join(problems)
