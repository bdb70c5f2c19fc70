"""Time the importers: each sample plan (target under 200 ms) and a generated 60-page PDF plan (under 10 s).

Run on demand, never in the test suite:  .venv/bin/python bench/bench_import.py [--pages 60]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
SAMPLE_TARGET, PDF_TARGET = 0.2, 10.0


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerplan.config.settings.test")
    import django

    django.setup()


def _plan_pdf(pages: int) -> bytes:
    """A plan of eight recommendations, each with a table of objectives and lettered steps, about `pages` long."""
    import weasyprint

    per_rec = max(1, pages * 9 // 4)  # about eighteen rows a page
    parts = ["<h1>Corporate Peer Challenge action plan</h1>"]
    parts += [
        f"<p>Recommendation {r}: Recommendation {r} asks the council to improve area {r}.</p>" for r in range(1, 9)
    ]
    for r in range(1, 9):
        rows = "".join(
            f"<tr><td>{r}.{o} Objective {o} of recommendation {r}, described at some length to wrap</td>"
            f"<td>a. Step one of {r}.{o}, which also takes more than a line to describe b. Step two "
            f"c. Step three</td><td>Head of Service {o % 7}</td><td>March 202{5 + o % 3}</td></tr>"
            for o in range(1, per_rec + 1)
        )
        parts.append(
            f"<p>Recommendation {r} asks the council to improve area {r}.</p><table><thead><tr>"
            "<th>What do we want to achieve?</th><th>How are we going to do it?</th><th>Lead officer</th>"
            f"<th>Timescale</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    style = (
        "<style>@page{size:A4;margin:15mm} body{font:10pt sans-serif} table{border-collapse:collapse;width:100%}"
        " td,th{border:1px solid #000;padding:3px;vertical-align:top} thead{display:table-header-group}</style>"
    )
    return weasyprint.HTML(string=style + "".join(parts)).write_pdf()


def _time(data: bytes, name: str, runs: int) -> tuple[float, int]:
    from peerplan.importers import parse_file

    best = float("inf")
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        result = parse_file(data, name)
        best = min(best, time.perf_counter() - start)
        count = len(result.document.recommendations)
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=60, help="length of the generated PDF plan")
    parser.add_argument("--quick", action="store_true", help="accepted for bench.run; the import bench is quick")
    args = parser.parse_args()
    _setup()
    rows: list[tuple[str, str, float, int, float]] = []
    for path in sorted(SAMPLES.glob("*.golden.json")):
        source = path.with_name(path.name.replace(".golden.json", ".txt"))
        seconds, count = _time(source.read_bytes(), source.name, runs=5)
        rows.append((source.name, f"{len(source.read_bytes()) // 1024} KB", seconds, count, SAMPLE_TARGET))
    pdf = _plan_pdf(args.pages)
    import pypdfium2

    page_count = len(pypdfium2.PdfDocument(pdf))
    seconds, count = _time(pdf, "generated-plan.pdf", runs=1)
    rows.append((f"generated plan ({page_count} pages)", f"{len(pdf) // 1024} KB", seconds, count, PDF_TARGET))
    print(f"{'file':<44} {'size':>8} {'time':>9} {'recs':>5} {'target':>8}  ok")
    failed = 0
    for name, size, seconds, count, target in rows:
        ok = seconds < target
        failed += not ok
        print(
            f"{name:<44} {size:>8} {seconds * 1000:>7.0f}ms {count:>5} {target * 1000:>6.0f}ms  {'yes' if ok else 'NO'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
