"""CSV: the action plan as one row per action, UTF-8 with a byte-order mark so Excel reads it right."""

from __future__ import annotations

import csv
import io

from peerplan.reports.compose import ReportInput

from .registry import Renderer, renderer_register
from .safe_cells import safe_csv_row
from .tabular import COLUMNS, flat_rows


def render_csv(report: ReportInput) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_csv_row(heading for heading, _ in COLUMNS))
    for row in flat_rows(report):
        writer.writerow(safe_csv_row(row))
    return out.getvalue().encode("utf-8-sig")


renderer_register(Renderer("csv", "CSV", "csv", "text/csv; charset=utf-8", render_csv))
