"""The council's RAG vocabulary: the word, colour and meaning it gives each rating, read once and shared.

Screens (the `rag_tag` tag and the brand stylesheet), the update form, reports and the API all use it,
so a renamed or recoloured rating looks the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from peerplan.shared.rag import Rag

_CACHE = "_peerplan_rag_words"


@dataclass(frozen=True)
class RagWord:
    """How one council shows one rating."""

    rating: str
    label: str
    colour: str
    text_colour: str
    meaning: str
    in_use: bool


def text_colour_for(colour: str) -> str:
    """Black or white, whichever reads better on the council's colour (WCAG relative luminance)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return "#0b0c0c" if luminance > 0.179 else "#ffffff"


def words_from(definitions: Iterable[Any]) -> dict[str, RagWord]:
    """Every rating in the product's order, in the council's words where it has defined them.

    A rating the council switched off keeps its word (old updates still carry it) but is not offered.
    """
    by_rating = {d.rating: d for d in definitions}
    words = {}
    for rag in Rag:
        definition = by_rating.get(rag.value)
        if definition is None:
            words[rag.value] = RagWord(rag.value, str(rag.label), rag.colour, rag.text_colour, rag.meaning, True)
            continue
        colour = definition.colour.lower()
        text_colour = rag.text_colour if colour == rag.colour else text_colour_for(colour)
        words[rag.value] = RagWord(
            rag.value, definition.label, colour, text_colour, definition.meaning, bool(definition.in_use)
        )
    return words


DEFAULT_WORDS = words_from(())


def rag_words(organisation: Any) -> dict[str, RagWord]:
    """The council's words, read from the database once per organisation object (so once per request)."""
    if organisation is None:
        return DEFAULT_WORDS
    cached: dict[str, RagWord] | None = organisation.__dict__.get(_CACHE)
    if cached is None:
        cached = words_from(organisation.rag_definitions.all())
        organisation.__dict__[_CACHE] = cached
    return cached


def words_in_use(words: dict[str, RagWord]) -> list[RagWord]:
    """The ratings a person may choose now: those the council has not switched off."""
    return [w for w in words.values() if w.in_use]
