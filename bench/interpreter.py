"""Which Python runs a benchmark, printed above its figures: the same code runs 15% slower on some builds.

A CPython that loads libpython as a shared library (pyenv's default with --enable-shared, no PGO or LTO) made
the 1,000-action PDF in 9.2 s of CPU where Debian's own python3.11 (built with PGO and LTO, libpython linked
into the executable) took 7.8 s on the same machine, the same hour. The Makefile prefers the system's Python.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path


def shared_libpython(maps: Path = Path("/proc/self/maps")) -> bool | None:
    """Whether this process has libpython mapped as a shared library; None where /proc cannot tell (not Linux)."""
    try:
        text = maps.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return "/libpython3" in text


def describe() -> str:
    """One line: version, the executable behind the venv, and how libpython is linked."""
    linked = {True: "libpython shared (slower)", False: "libpython linked in", None: "linking unknown"}
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    return f"Python {platform.python_version()} ({base}), {linked[shared_libpython()]}"
