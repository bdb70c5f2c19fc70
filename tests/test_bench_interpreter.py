"""bench/interpreter.py tells a shared libpython (the slow build) from one linked into the executable."""

from __future__ import annotations

from pathlib import Path

from bench.interpreter import describe, shared_libpython

SHARED = "7f00-7f10 r-xp 00000000 08:01 42 /root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0\n"
STATIC = "5600-5610 r-xp 00000000 08:01 7 /usr/bin/python3.11\n7f00-7f10 r-xp 00000000 08:01 9 /usr/lib/libc.so.6\n"


def test_a_mapped_libpython_is_shared(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(STATIC + SHARED)
    assert shared_libpython(maps) is True


def test_an_executable_without_libpython_has_it_linked_in(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(STATIC)
    assert shared_libpython(maps) is False


def test_without_proc_it_cannot_tell(tmp_path: Path) -> None:
    assert shared_libpython(tmp_path / "absent") is None


def test_the_line_names_the_version_and_the_linking() -> None:
    line = describe()
    assert line.startswith("Python 3.11.")
    assert "libpython" in line or "linking unknown" in line
