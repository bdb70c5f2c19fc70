"""The kinds of committee report peerplan produces."""

from __future__ import annotations

from django.db import models


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "Progress report"
    POSITION_STATEMENT = "position-statement", "Progress review position statement"
    EXCEPTIONS = "exceptions", "Exception report"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    ReportKind.PROGRESS: "Cover report with numbered sections and the whole action plan as the appendix.",
    ReportKind.POSITION_STATEMENT: (
        "For the peers' progress review: per recommendation, what has been done, early impact, evidence and"
        " what remains."
    ),
    ReportKind.EXCEPTIONS: "Only the red, amber and overdue actions, with their commentary and revised dates.",
}


class ReportState(models.TextChoices):
    """Where an issued report's files are: being made by the background worker, ready, or failed."""

    RENDERING = "rendering", "Making the files"
    ISSUED = "issued", "Issued"
    FAILED = "failed", "Failed"
