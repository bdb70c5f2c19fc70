"""Which Python runs a benchmark, printed above its figures: the same code runs 15% slower on some builds.

This machine's pyenv build of 3.11.7 (no PGO or LTO, libpython a shared library) made the 1,000-action PDF in
9.0-9.9 s of CPU where Debian's own python3.11 (built with PGO and LTO, libpython linked into the executable)
took 7.7-7.9 s, the two run in turn in the same minutes. The Makefile prefers the system's Python.
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
    linked = {True: "libpython shared", False: "libpython linked in", None: "linking unknown"}
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    return f"Python {platform.python_version()} ({base}), {linked[shared_libpython()]}"
