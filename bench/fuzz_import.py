"""Fuzz the importers and the load step: whatever a file holds, parsing raises only PlanImportError and
loading (a dry run) only LoadError, never a traceback.

Run on demand, never in the test suite:  .venv/bin/python bench/fuzz_import.py --minutes 10
Each failure is printed with its input, shrunk by hypothesis; the exit status is 1 if any were found.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

PIECES = [
    "Recommendation 1", "KR2", "R3", "1.1", "a.", "Timescale", "Lead officer", "Action", "Ref", "Status", "RAG",
    "March 2027", "Q3 2024/25", "Ongoing", "Spring 2024", "Red", "Complete", "Head of X/Head of Y", "(page 8)",
    "\x00", "\x02", "\x1b", "\u2028", "\ufeff", "\ud800", "=SUM(A1)", "<b>", "&amp;", '"', ",", ";", "\t", "\n",
]  # fmt: skip


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerplan.config.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0)


def _strategies() -> Any:
    from hypothesis import strategies as st

    cell = st.one_of(
        st.sampled_from(PIECES),
        st.text(max_size=30),
        st.integers(0, 700).map(lambda n: "x" * n),  # past every column's length limit
    )
    headings = st.lists(
        st.sampled_from(["Ref", "Recommendation", "Action", "Lead officer", "Timescale", "Status", "RAG", "Notes"]),
        min_size=1,
        max_size=7,
    )

    def table(heads: list[str]) -> Any:
        return st.lists(st.lists(cell, min_size=len(heads), max_size=len(heads)), max_size=12).map(
            lambda rows: [heads, *rows]
        )

    def as_csv(rows: list[list[str]]) -> bytes:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return out.getvalue().encode("utf-8", "surrogatepass")

    def as_html(rows: list[list[str]]) -> bytes:
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table>{body}</table>".encode("utf-8", "surrogatepass")

    text = st.lists(cell, max_size=80).map(lambda parts: " ".join(parts).encode("utf-8", "surrogatepass"))
    tables = headings.flatmap(table)
    return st.one_of(
        tables.map(lambda rows: (as_csv(rows), "plan.csv")),
        tables.map(lambda rows: (as_html(rows), "plan.html")),
        tables.map(lambda rows: (_xlsx(rows), "plan.xlsx")),
        tables.map(lambda rows: (_docx(rows), "plan.docx")),
        text.map(lambda data: (data, "plan.txt")),
        st.binary(max_size=400).map(lambda data: (b"PK\x03\x04" + data, "plan.docx")),
        st.binary(max_size=400).map(lambda data: (b"%PDF-1.4\n" + data, "plan.pdf")),
    )


def _printable(value: str) -> str:
    return "".join(c for c in value if c.isprintable() and not ("\ud800" <= c <= "\udfff"))


def _xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([_printable(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = _printable(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def check(data: bytes, filename: str) -> None:
    """The property: parse, then load as a dry run; only the two refusals are allowed.

    The parser is called as the registry holds it, not through parse_file, which turns any exception into
    PlanImportError and so would hide a parser's crash.
    """
    from peerplan.importers import PlanImportError
    from peerplan.importers.limits import check_size
    from peerplan.importers.registry import format_for
    from peerplan.plans.loading import LoadError, plan_load

    try:
        check_size(data, filename)
        result = format_for(data, filename).parse(data, filename, mapping=None, as_of=None)
    except PlanImportError:
        return
    result.document.to_json()
    try:
        plan_load(document=result.document, organisation_name="Fuzz Borough Council", commit=False)
    except LoadError:
        return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="How long to run (default 10).")
    parser.add_argument("--seed", type=int, default=0, help="The first hypothesis seed (default 0).")
    args = parser.parse_args()
    _setup()
    from hypothesis import HealthCheck, given, seed, settings

    failures: dict[str, str] = {}
    deadline, run = time.monotonic() + args.minutes * 60, args.seed
    counted = [0]

    while time.monotonic() < deadline:

        @seed(run)
        @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(_strategies())
        def fuzz(case: tuple[bytes, str]) -> None:
            counted[0] += 1
            check(*case)

        try:
            fuzz()
        except Exception as exc:  # every failure is reported, then the next seed runs
            key = f"{type(exc).__name__}: {str(exc)[:200]}"
            if key not in failures:
                failures[key] = traceback.format_exc(limit=-6)
                print(f"seed {run}: {key}", flush=True)
        run += 1
    print(f"{counted[0]} examples in {args.minutes:g} minutes (seeds {args.seed}–{run - 1}); {len(failures)} failures")
    for key, trace in failures.items():
        print(f"\n== {key}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
