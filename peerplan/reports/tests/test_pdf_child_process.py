"""Each PDF is made in a child process that ends without freeing WeasyPrint's objects; the parent gets the
bytes, or the child's error, and its database connection is left as it was."""

from __future__ import annotations

import gc
import io
import os
import signal
from collections.abc import Callable

import pdfplumber
import pytest

from peerplan.accounts.models import Organisation
from peerplan.reports.renderers import pdf as pdf_renderer
from peerplan.reports.renderers.pdf import PdfProcessError, in_a_child_process, pdf_of_html

PAGE = '<html lang="en-GB"><title>Child</title><table><tr><td>Made in a child process</td></tr></table></html>'


class TwoArgumentsError(Exception):
    def __init__(self, what: str, where: str) -> None:
        super().__init__(f"{what} at {where}")


def test_the_bytes_come_back_from_another_process_however_many() -> None:
    assert in_a_child_process(lambda: str(os.getpid()).encode()) != str(os.getpid()).encode()
    big = os.urandom(3_000_000)  # far more than a pipe holds at once
    assert in_a_child_process(lambda: big) == big
    assert in_a_child_process(lambda: b"") == b""


def test_an_error_in_the_child_is_raised_again_with_the_child_s_traceback() -> None:
    def fails() -> bytes:
        raise ValueError("no fonts found")

    with pytest.raises(ValueError, match="no fonts found") as raised:
        in_a_child_process(fails)
    notes = "".join(raised.value.__notes__)
    assert "Raised in the process making the PDF" in notes and "in fails" in notes


def test_an_error_that_cannot_be_pickled_comes_back_as_its_text() -> None:
    def fails() -> bytes:
        raise TwoArgumentsError("a bad cell", "row 3")

    with pytest.raises(PdfProcessError, match="TwoArgumentsError: a bad cell at row 3"):
        in_a_child_process(fails)


def test_a_child_that_dies_or_exits_without_an_answer_is_an_error() -> None:
    def killed() -> bytes:
        os.kill(os.getpid(), signal.SIGKILL)
        return b"never"

    with pytest.raises(PdfProcessError, match="was stopped by signal 9 before it finished"):
        in_a_child_process(killed)
    with pytest.raises(PdfProcessError, match="ended with exit code 3 before it finished"):
        in_a_child_process(lambda: os._exit(3))


def test_the_pdf_made_in_a_child_reads_the_same_as_one_made_here() -> None:
    pages = []
    for in_child in (True, False):
        with pdfplumber.open(io.BytesIO(pdf_of_html(PAGE, in_child=in_child))) as pdf:
            pages.append([(page.width, page.height, page.extract_text()) for page in pdf.pages])
    assert pages[0] == pages[1]
    assert "Made in a child process" in pages[0][0][2]


def test_the_child_leaves_the_garbage_collector_off_to_the_end() -> None:
    def made_then_asked() -> bytes:
        pdf = pdf_renderer._weasyprint_pdf_in_child(PAGE)
        return b"%d %s" % (len(pdf), str(gc.isenabled()).encode())

    size, enabled = in_a_child_process(made_then_asked).split()
    assert int(size) > 1000 and enabled == b"False"
    assert gc.isenabled()  # in this process it was never turned off


def test_the_renderer_makes_its_pdf_in_a_child_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdf_renderer.PDF_IN_CHILD_PROCESS  # the servers, CI and this machine are Linux
    children = []
    real = pdf_renderer.in_a_child_process

    def counted(work: Callable[[], bytes]) -> bytes:
        children.append(work)
        return real(work)

    monkeypatch.setattr(pdf_renderer, "in_a_child_process", counted)
    assert pdf_of_html(PAGE).startswith(b"%PDF-")
    assert len(children) == 1


@pytest.mark.django_db
def test_the_database_connection_still_works_after_a_pdf_in_a_child() -> None:
    Organisation.objects.create(name="Before the PDF", slug="before")
    assert pdf_of_html(PAGE).startswith(b"%PDF-")
    Organisation.objects.create(name="After the PDF", slug="after")
    assert set(Organisation.objects.values_list("slug", flat=True)) >= {"before", "after"}
