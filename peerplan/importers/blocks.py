"""What every format parser reduces a file to: paragraphs and tables, in document order.

The plan builder reads only these, so a new format needs only to produce them. Whatever the format,
a parser keeps these conventions, so the table understanding can rely on them:

- a cell merged ACROSS the whole row (a recommendation or section written above its action rows)
  comes out as a row whose first cell holds the text and every other cell is empty (a "full-width
  row"); a cell merged across only some columns is read once, in its first column;
- a cell merged DOWN repeats its text in every row it spans;
- the header row is an ordinary row (the understanding side finds it), and so is a header repeated
  at the top of each page;
- text above and below a table (title, intro, notes) comes out as `Paragraph`s, in order;
- each cell is a list of segments: its lines. When `Table.wrapped` is True (text laid out in columns
  with tabs, as an unruled PDF comes out) a line break may be only visual wrapping and a row may still
  be broken across lines; when False (Word, Excel, HTML, CSV, ruled PDF tables whose lines are joined
  into paragraphs by geometry, and text tables rebuilt whole by `parsers/text_layouts.py`) each
  segment is a paragraph of the cell and every row is whole;
- a row broken across lines or pages is joined by the parser only on strong evidence (a ruled PDF
  row split over a page: its first cell empty and its texts carrying on the row above).
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
