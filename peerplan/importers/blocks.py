"""What every format parser reduces a file to: paragraphs and tables, in document order.

The plan builder reads only these, so a new format needs only to produce them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    where: str
    heading: bool = False  # styled or marked as a heading in the source (Word style, Markdown '#', <h2>)


@dataclass
class Row:
    """One table row; each cell is a list of segments (the lines of the cell, or the physical lines
    of a row broken across lines in a PDF-like text), so cells can be lined up segment by segment."""

    cells: list[list[str]]
    where: str

    def text(self, col: int) -> str:
        if col >= len(self.cells):
            return ""
        return "\n".join(self.cells[col]).strip()

    @property
    def height(self) -> int:
        return max((len(c) for c in self.cells), default=0)

    def segment(self, col: int, i: int) -> str:
        if col >= len(self.cells) or i >= len(self.cells[col]):
            return ""
        return self.cells[col][i]

    def extend(self, other: Row) -> None:
        """Append a row that continues this one (a cell broken over a page or a line)."""
        width = max(len(self.cells), len(other.cells))
        height = self.height
        for col in range(width):
            if col >= len(self.cells):
                self.cells.append([""] * height)
            mine = self.cells[col] + [""] * (height - len(self.cells[col]))
            theirs = other.cells[col] if col < len(other.cells) else []
            other_height = other.height
            self.cells[col] = mine + theirs + [""] * (other_height - len(theirs))


@dataclass
class Table:
    rows: list[Row]
    where: str
    # True when line breaks inside cells are only visual wrapping and rows may be broken across
    # lines or pages (PDF, text laid out in columns); False when they separate paragraphs (Word, Excel).
    wrapped: bool = False
    header_row: int | None = None  # set by the text parser, which finds headers as it reads
    notes: list[str] = field(default_factory=list)


Block = Paragraph | Table


def row_of(texts: list[str], where: str) -> Row:
    """A row from plain cell texts; each cell's lines become its segments."""
    return Row([(t or "").replace("\r\n", "\n").replace("\r", "\n").split("\n") for t in texts], where)
