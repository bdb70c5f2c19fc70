"""Word: an editable committee report with real styles, on A4, with the appendix in a landscape section.

Headings use Heading 1/2 so the navigation pane and a council's own template work; table header rows
repeat on every page (w:tblHeader); RAG cells are filled and always say the rating in words.
"""

from __future__ import annotations

import io
from datetime import datetime, time
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section as DocxSection
    from docx.table import Table as DocxTable
    from docx.table import _Cell, _Row
    from docx.text.font import Font
    from docx.text.paragraph import Paragraph as DocxParagraph

from peerplan.reports.chart import chart_png
from peerplan.reports.compose import ReportInput, compose
from peerplan.reports.document import (
    Appendix,
    Block,
    Bullets,
    Cell,
    Chart,
    Paragraph,
    ReportDocument,
    Row,
    Subheading,
    Table,
)

from .registry import Renderer, renderer_register

FONT = "Arial"
BLACK = RGBColor(0x0B, 0x0C, 0x0C)
HEADER_FILL = "DEE0E2"
GROUP_FILL = "F3F2F1"
NUMBER_INDENT_MM = 12
NUMBER_INDENT = Mm(NUMBER_INDENT_MM)
PORTRAIT_MARGIN = Mm(20)
LANDSCAPE_MARGIN = Mm(15)
PORTRAIT_TEXT_MM = 210 - 2 * 20
LANDSCAPE_TEXT_MM = 297 - 2 * 15
NOT_RATED_FILL = "F3F2F1"
LANGUAGE = "en-GB"


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _set_font(style_font: Font, *, size: float | None = None, bold: bool | None = None) -> None:
    style_font.name = FONT
    style_font.color.rgb = BLACK
    if size is not None:
        style_font.size = Pt(size)
    if bold is not None:
        style_font.bold = bold
    # Word picks the East Asian and complex-script fonts separately; pin them all to Arial.
    rpr = style_font.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _styles(document: DocxDocument) -> None:
    styles = document.styles
    _set_font(styles["Normal"].font, size=11)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        _set_font(style.font, size=size, bold=True)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    # The default Title style draws a blue rule under the text: drop it.
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    _set_font(styles["List Bullet"].font, size=11)
    for name in ("Header", "Footer"):
        _set_font(styles[name].font, size=9 if name == "Footer" else 8)
    _language(document)


def _language(document: DocxDocument) -> None:
    """British English for spelling, hyphenation and screen readers (python-docx's template says en-US)."""
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    for lang in document.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)


def _page(section: DocxSection, *, landscape: bool) -> None:
    # python-docx's template is US Letter; committee papers are A4.
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        margin = LANDSCAPE_MARGIN
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        margin = PORTRAIT_MARGIN
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Mm(8)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _footer(section: DocxSection, organisation: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(organisation)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _borders(table: DocxTable, colour: str = "0B0C0C", size: int = 4, *, inside_vertical: bool = True) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        hidden = edge in ("left", "right", "insideV") and not inside_vertical
        element.set(qn("w:val"), "nil" if hidden else "single")
        if not hidden:
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:color"), colour)
        borders.append(element)
    # Word is strict about the order of tblPr's children: borders go before shading, layout and look.
    successor = next(
        (c for c in tbl_pr if c.tag in {qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"), qn("w:tblLook")}), None
    )
    if successor is None:
        tbl_pr.append(borders)
    else:
        successor.addprevious(borders)


def _grid(table: DocxTable, widths: list[Length]) -> None:
    """Column widths where both Word (cell widths) and LibreOffice (the table grid) look for them."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _cant_split(row: _Row) -> None:
    split = OxmlElement("w:cantSplit")
    split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().insert(0, split)


def _keep_with_next_row(row: _Row) -> None:
    """Word (and LibreOffice) keep a table row on the page of the next row when all its paragraphs keep with next."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _write_cell(cell: _Cell, content: Cell, *, size: float, text_colour: str | None = None, bold: bool = False) -> None:
    lines = content.text.split("\n") if content.text else [""]
    paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in lines[1:]]
    if content.note:
        paragraphs.append(cell.add_paragraph())
    colour = RGBColor.from_string(_hex(text_colour)) if text_colour else None
    for paragraph, line in zip(paragraphs, [*lines, content.note] if content.note else lines, strict=True):
        paragraph.paragraph_format.space_after = Pt(2)
        if content.indent:
            paragraph.paragraph_format.left_indent = Mm(4 * content.indent)
        run = paragraph.add_run(line)
        is_note = content.note and paragraph is paragraphs[-1]
        run.font.size = Pt(size - 1.5 if is_note else size)
        run.bold = bold or content.bold or bool(is_note)
        if colour is not None:
            run.font.color.rgb = colour


def _caption(document: DocxDocument, text: str, *, indent: bool) -> None:
    caption = document.add_paragraph()
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_after = Pt(3)
    if indent:
        caption.paragraph_format.left_indent = NUMBER_INDENT
    caption.add_run(text).bold = True


def _body_row(word_row: _Row, row: Row, table: Table, doc: ReportDocument, *, size: float) -> None:
    if not row.may_split:  # a row that could fill a page breaks, under the repeated header row
        _cant_split(word_row)
    cells = word_row.cells
    if row.group:
        merged = cells[0].merge(cells[-1])
        _shade(merged, GROUP_FILL)
        _write_cell(merged, row.cells[0], size=size, bold=True)
        _keep_with_next_row(word_row)  # a recommendation's heading row never ends a page without its first action
        return
    for cell, content in zip(cells, row.cells, strict=True):
        text_colour = None
        style = doc.rag_style(content.rag) if content.rag else None
        if style is not None:
            _shade(cell, _hex(style.colour))
            text_colour = style.text_colour
        elif table.kind == "form" and content is row.cells[0]:
            _shade(cell, GROUP_FILL)
        _write_cell(cell, content, size=size, text_colour=text_colour)
    if table.kind == "form" and row is not table.rows[-1]:
        # A short label | text table reads as one piece: Word keeps it together through keep-with-next.
        _keep_with_next_row(word_row)


def _table(
    document: DocxDocument, table: Table, doc: ReportDocument, *, size: float, indent: bool, width_mm: float
) -> None:
    has_header = table.kind != "form"
    if table.caption and has_header:
        _caption(document, table.caption, indent=indent)
    word_table = document.add_table(rows=len(table.rows) + (1 if has_header else 0), cols=len(table.columns))
    # Indented tables sit flush right, clear of the paragraph numbers, and fill the rest of the line.
    word_table.alignment = WD_TABLE_ALIGNMENT.RIGHT if indent else WD_TABLE_ALIGNMENT.LEFT
    _borders(word_table)
    scale = width_mm / (sum(c.width_mm for c in table.columns) or 1)
    _grid(word_table, [Mm(c.width_mm * scale) for c in table.columns])
    rows = word_table.rows
    if has_header:
        _repeat_header(rows[0])
        for cell, column in zip(rows[0].cells, table.columns, strict=True):
            _shade(cell, HEADER_FILL)
            _write_cell(cell, Cell(column.header), size=size, bold=True)
        _keep_with_next_row(rows[0])  # the caption and header row go to the next page with the first row
    for row, word_row in zip(table.rows, rows[1 if has_header else 0 :], strict=True):
        _body_row(word_row, row, table, doc, size=size)
    _spacer(document)


def _spacer(document: DocxDocument) -> None:
    """A small gap after a table (Word needs a paragraph between tables): 4 pt high, so it never makes a page."""
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.line_spacing = Pt(4)
    mark, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
    size.set(qn("w:val"), "8")  # half-points: the paragraph mark is 4 pt
    mark.append(size)
    spacer._p.get_or_add_pPr().append(mark)


def _paragraph(document: DocxDocument, block: Paragraph, *, appendix: bool) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = block.keep_with_next
    if block.number or block.aligned:
        # "4.1<tab>text" with a hanging indent: the council's paragraph numbers, editable as text.
        paragraph.paragraph_format.left_indent = NUMBER_INDENT
        paragraph.paragraph_format.first_line_indent = -NUMBER_INDENT
        paragraph.paragraph_format.tab_stops.add_tab_stop(NUMBER_INDENT)
        paragraph.add_run(f"{block.number}\t")
    if block.bold_lead:
        paragraph.add_run(f"{block.bold_lead} ").bold = True
    lines = block.text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if appendix:
            run.font.size = Pt(9)
        if index < len(lines) - 1:
            run.add_break()


def _blocks(document: DocxDocument, blocks: tuple[Block, ...], doc: ReportDocument, *, appendix: bool) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            _paragraph(document, block, appendix=appendix)
        elif isinstance(block, Bullets):
            for item in block.items:
                paragraph = document.add_paragraph(item, style="List Bullet")
                paragraph.paragraph_format.left_indent = NUMBER_INDENT + Mm(6)
                paragraph.paragraph_format.space_after = Pt(2)
        elif isinstance(block, Subheading):
            document.add_heading(block.text, level=2)
        elif isinstance(block, Table) and block.landscape and not appendix:
            # A landscape section of its own, so a wide table's commentary column is readable.
            _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            _table(document, block, doc, size=9, indent=False, width_mm=LANDSCAPE_TEXT_MM)
            _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
        elif isinstance(block, Table):
            if appendix:
                _table(document, block, doc, size=8.5, indent=False, width_mm=LANDSCAPE_TEXT_MM)
            else:
                _table(document, block, doc, size=9.5, indent=True, width_mm=PORTRAIT_TEXT_MM - NUMBER_INDENT_MM)
        elif isinstance(block, Chart):
            picture = document.add_paragraph()
            picture.paragraph_format.left_indent = NUMBER_INDENT
            picture.paragraph_format.keep_with_next = True
            shape = picture.add_run().add_picture(io.BytesIO(chart_png(block)), width=Mm(130))
            # Alt text: what the picture shows, in words, for anyone who cannot see it.
            shape._inline.docPr.set("title", block.title)
            shape._inline.docPr.set("descr", block.alt_text)


def _appendix(document: DocxDocument, appendix: Appendix, doc: ReportDocument) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=appendix.landscape)
    document.add_heading(appendix.heading, level=1)
    _blocks(document, appendix.blocks, doc, appendix=True)


def docx_document(doc: ReportDocument) -> DocxDocument:
    document = Document()
    _styles(document)
    section = document.sections[0]
    _page(section, landscape=False)
    _footer(section, doc.organisation)
    properties = document.core_properties
    properties.title, properties.author, properties.subject = doc.title, doc.organisation, doc.kind
    # Fixed dates: the same snapshot gives the same document.
    moment = datetime.combine(doc.as_of, time(12))
    properties.created = properties.modified = properties.last_printed = moment
    properties.last_modified_by = doc.organisation

    organisation = document.add_paragraph()
    organisation.add_run(doc.organisation).bold = True
    document.add_paragraph(doc.title, style="Title")
    header = document.add_table(rows=0, cols=2)
    _borders(header, colour="B1B4B6", inside_vertical=False)
    for label, value in doc.header:
        if not value:
            continue
        cells = header.add_row().cells
        _write_cell(cells[0], Cell(label), size=11, bold=True)
        _write_cell(cells[1], Cell(value), size=11)
    _grid(header, [Mm(50), Mm(PORTRAIT_TEXT_MM - 50)])
    release = document.add_paragraph()
    release.paragraph_format.space_before = Pt(8)
    release.add_run(doc.release.upper()).bold = True

    for report_section in doc.sections:
        document.add_heading(report_section.heading, level=1)
        _blocks(document, report_section.blocks, doc, appendix=False)
    for appendix in doc.appendices:
        _appendix(document, appendix, doc)
    return document


def render_docx(report: ReportInput) -> bytes:
    out = io.BytesIO()
    docx_document(compose(report)).save(out)
    return out.getvalue()


renderer_register(
    Renderer(
        "docx",
        "Word document (DOCX)",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    )
)
