"""Run every benchmark: each bench/bench_*.py module's main(), in name order; exit 1 if any missed its target.

python -m bench.run                 every benchmark, full size
python -m bench.run --quick         smaller data where a benchmark supports it
python -m bench.run pages reports   only bench_pages.py and bench_reports.py
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def modules(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    wanted = {f"bench_{n.removeprefix('bench_')}" for n in only}
    return [n for n in names if not wanted or n in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller data, for a quick look")
    parser.add_argument("only", nargs="*", help="benchmark names, e.g. pages (default: all)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH_DIR.parent))
    failed = []
    for name in modules(args.only):
        print(f"\n== {name} ==", flush=True)
        saved_argv = sys.argv
        sys.argv = [str(BENCH_DIR / f"{name}.py"), *(["--quick"] if args.quick else [])]
        started = time.perf_counter()
        try:
            code = importlib.import_module(f"bench.{name}").main()
        finally:
            sys.argv = saved_argv
        print(f"-- {name}: {'ok' if not code else 'MISSED A TARGET'} in {time.perf_counter() - started:.1f} s")
        if code:
            failed.append(name)
    if failed:
        print(f"\nMissed targets: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
