"""Render each committee report's files once per test run, for tests that set up the same reports again and again.

A renderer is a pure function of its input (the frozen snapshot, cover, kind and layout), so for an input seen
before, the files made then are the files rendering again would make. The input's ids are part of it: tests whose
ids differ each time simply render each time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from peerplan.reports import services
from peerplan.reports.compose import ReportInput
from peerplan.reports.services import RenderedFile

_RENDERED: dict[tuple[str, str], RenderedFile] = {}


@contextmanager
def each_report_rendered_once() -> Iterator[None]:
    real = services.report_render

    def render_once(report: ReportInput, format_: str) -> RenderedFile:
        key = (format_, repr(report))
        if key not in _RENDERED:
            _RENDERED[key] = real(report, format_)
        return _RENDERED[key]

    with mock.patch.object(services, "report_render", render_once):
        yield
