"""Tags for the public page: a RAG rating in the council's own words, as frozen in the report's snapshot."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from peerplan.reports.snapshot import Snapshot
from peerplan.shared.rag import Rag
from peerplan.ui.templatetags.govuk import govuk_tag, rag_tag_for

register = template.Library()


@register.simple_tag
def snapshot_rag(snapshot: Snapshot, rating: str) -> SafeString:
    """`{% snapshot_rag snapshot action.rag %}`: the council's label for the rating, in the product's tag colour."""
    label = snapshot.rag_label(rating) if rating else None
    if label is None:
        return rag_tag_for(rating)
    return govuk_tag(label.label, Rag(rating).tag_colour)
