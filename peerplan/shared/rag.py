"""The RAG ratings, the one closed vocabulary every layer shares: the plan, councils' own words for each
rating (accounts), pages, reports and the API. Here, below all of them, so none imports another for it."""

from django.db import models


class Rag(models.TextChoices):
    """The ratings a council can give an action; each council labels and defines them its own way."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"
    NOT_STARTED = "not-started", "Not started"

    @property
    def meaning(self) -> str:
        return _RAG_META[self][0]

    @property
    def colour(self) -> str:
        """Hex colour for documents and charts (GOV.UK palette; contrast-checked with white or black text)."""
        return _RAG_META[self][1]

    @property
    def text_colour(self) -> str:
        return _RAG_META[self][2]

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag modifier for this rating on screen."""
        return _RAG_META[self][3]

    @property
    def severity(self) -> int:
        """Higher is worse; used to say whether a rating moved up or down."""
        return _RAG_META[self][4]


_RAG_META: dict[Rag, tuple[str, str, str, str, int]] = {
    Rag.RED: ("Off track or overdue; needs intervention", "#d4351c", "#ffffff", "red", 3),
    Rag.AMBER: ("Some slippage or risk, being managed", "#ffdd00", "#0b0c0c", "orange", 2),
    Rag.GREEN: ("On track", "#00703c", "#ffffff", "green", 1),
    Rag.COMPLETE: ("Done", "#1d70b8", "#ffffff", "blue", 0),
    Rag.NOT_STARTED: ("Not started or not yet due", "#b1b4b6", "#0b0c0c", "grey", 0),
}
