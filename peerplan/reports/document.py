"""The shape of a committee report, independent of format: sections of blocks, tables of cells.

compose.py fills it from a snapshot and a cover; every renderer walks it, so Word, PDF and HTML say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Cell:
    text: str = ""
    note: str = ""  # secondary line: a commentary's date, "Revised from …", "Overdue"
    rag: str = ""  # a rating value: the cell is filled in that rating's colour (the word is always the text)
    bold: bool = False
    indent: int = 0  # nesting of a step under its objective


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float
    numeric: bool = False


LONG_ROW_CHARACTERS = 1500


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    group: bool = False  # a heading row (one cell spanning the table), e.g. the recommendation's wording

    @property
    def may_split(self) -> bool:
        """Rows stay whole on a page, except one with so much text it could fill a page by itself."""
        return sum(len(cell.text) for cell in self.cells) > LONG_ROW_CHARACTERS


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    kind: str = "data"  # "data" or "form" (label | text, no header row)
    landscape: bool = False  # wide tables (the exceptions) get landscape pages of their own

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.group)

    @property
    def column_percents(self) -> list[tuple[Column, int]]:
        """Each column's whole-percent share of the width, adding up to exactly 100 (CSS classes app-w-N)."""
        total = sum(c.width_mm for c in self.columns) or 1
        exact = [100 * c.width_mm / total for c in self.columns]
        shares = [int(share) for share in exact]
        # Largest remainders get the spare points, so rounding never makes the table wider than the page.
        by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)
        for index in by_remainder[: 100 - sum(shares)]:
            shares[index] += 1
        return list(zip(self.columns, shares, strict=True))


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: str = ""  # 4.1 …
    bold_lead: str = ""  # "Financial:" shown bold before the text
    aligned: bool = False  # unnumbered, yet in the numbered paragraphs' text column (under a numbered sub-heading)
    keep_with_next: bool = False  # introduces the list or table after it: never leave it alone at a page foot


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str
    rating: str = ""  # for the on-screen stylesheet's class


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]

    @property
    def alt_text(self) -> str:
        """The chart in words: "Bar chart of actions by position: Complete 4, On track 3, …"."""
        return f"Bar chart of {self.title[0].lower()}{self.title[1:]}: " + ", ".join(
            f"{bar.label} {bar.value}" for bar in self.bars
        )


Block = Paragraph | Bullets | Subheading | Table | Chart


def keep_together(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Mark each paragraph that introduces a list, table or chart to stay on the same page as it."""
    kept: list[Block] = []
    for block, following in zip(blocks, (*blocks[1:], None), strict=True):
        if isinstance(block, Paragraph) and isinstance(following, Bullets | Table | Chart):
            kept.append(replace(block, keep_with_next=True))
        else:
            kept.append(block)
    return tuple(kept)


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    blocks: tuple[Block, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", keep_together(self.blocks))

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Appendix:
    number: int
    title: str
    blocks: tuple[Block, ...]
    landscape: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", keep_together(self.blocks))

    @property
    def heading(self) -> str:
        return f"Appendix {self.number}: {self.title}"


@dataclass(frozen=True)
class RagStyle:
    rating: str
    label: str
    colour: str
    text_colour: str


@dataclass(frozen=True)
class ReportDocument:
    title: str
    organisation: str
    kind: str
    as_of: date
    header: tuple[tuple[str, str], ...]  # the header block: Meeting, Date, Subject …
    sections: tuple[Section, ...]
    appendices: tuple[Appendix, ...]
    rag_styles: tuple[RagStyle, ...] = field(default=())
    release: str = "For general release"

    @property
    def incomplete(self) -> list[str]:
        """The header rows and sections still saying "[to be completed]": the preview warns before issue."""
        missing = [label for label, value in self.header if value == "[to be completed]"]
        for section in self.sections:
            under = section.heading  # a paragraph is listed under its sub-section's heading when it has one
            for block in section.blocks:
                if isinstance(block, Subheading):
                    under = block.text
                elif isinstance(block, Paragraph) and "[to be completed]" in block.text:
                    where = block.bold_lead.rstrip(":") or block.number
                    missing.append(f"{under} ({where})" if where else under)
                elif isinstance(block, Table):
                    missing += [
                        f"{block.caption}: {row.cells[0].text}"
                        for row in block.rows
                        if any(cell.text == "[to be completed]" for cell in row.cells)
                    ]
        return missing

    def tables(self) -> list[Table]:
        blocks = [*(b for s in self.sections for b in s.blocks), *(b for a in self.appendices for b in a.blocks)]
        return [block for block in blocks if isinstance(block, Table)]

    def rag_style(self, rating: str) -> RagStyle | None:
        return next((s for s in self.rag_styles if s.rating == rating), None)
