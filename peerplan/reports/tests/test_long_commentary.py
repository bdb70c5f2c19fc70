"""A commentary longer than a page: the appendix's header row repeats on every page it runs over."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber

from peerplan.reports.compose import ReportInput
from peerplan.reports.cover import Cover
from peerplan.reports.renderers import render
from peerplan.reports.snapshot import Snapshot


def test_a_commentary_longer_than_a_page_keeps_the_header_row_on_each_page(snapshot_q2: Snapshot) -> None:
    long = " ".join(f"Sentence {i} of the lead officer's very long account of the work so far." for i in range(700))
    first = snapshot_q2.recommendations[0]
    actions = (replace(first.actions[0], commentary=long), *first.actions[1:])
    snapshot = replace(snapshot_q2, recommendations=(replace(first, actions=actions), *snapshot_q2.recommendations[1:]))
    data = render(ReportInput(snapshot=snapshot, cover=Cover(meeting="Cabinet")), "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    running = [t for t in texts if "very long account" in t]
    assert len(running) > 2  # the commentary runs over several pages (exceptions table, then the appendix)
    for text in running:
        # The header row, repeated: the exceptions table's or the appendix's.
        assert "RAG Latest commentary" in text or "RAG Latest progress" in text, text[:300]
    assert "Sentence 699 of" in "".join(texts)  # nothing lost
