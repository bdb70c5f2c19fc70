"""The one error an import raises: what is wrong with the file, and where.

Every failure (empty, too large, wrong format, corrupt, encrypted, no plan found) is a PlanImportError.
"""

from __future__ import annotations


class PlanImportError(Exception):
    """A file that cannot be brought in; `where` names the place (a sheet, a page, a row) if known."""

    def __init__(self, message: str, where: str | None = None):
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
