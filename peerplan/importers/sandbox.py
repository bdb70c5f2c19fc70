"""Parse an uploaded file in a child process with a memory cap, a CPU cap and a timeout.

Whatever a file says about itself, a parser cannot take the server down: the child runs
`python -m peerplan.importers.sandbox`, limits itself before reading the file, and hands back the
result as JSON. A child that runs out of memory or time, or is killed, becomes a PlanImportError.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from datetime import date
from typing import Any

from .errors import PlanImportError
from .result import ParseResult
from .safety import NEEDS_MEMORY, explain, precheck

log = logging.getLogger(__name__)

MEMORY_BYTES = 1024 * 1024 * 1024  # address space for the child: the interpreter, the libraries and the plan
CPU_SECONDS = 60
WALL_SECONDS = 90  # the child is killed after this, even if it is waiting rather than computing


def _settings() -> tuple[int, int, int]:
    """The limits, from Django's settings when they are configured (PEERPLAN_IMPORT_*), else the defaults."""
    try:
        from django.conf import settings

        return (
            int(getattr(settings, "PEERPLAN_IMPORT_MEMORY_BYTES", MEMORY_BYTES)),
            int(getattr(settings, "PEERPLAN_IMPORT_CPU_SECONDS", CPU_SECONDS)),
            int(getattr(settings, "PEERPLAN_IMPORT_WALL_SECONDS", WALL_SECONDS)),
        )
    except Exception:  # settings not configured (a script): the defaults
        return MEMORY_BYTES, CPU_SECONDS, WALL_SECONDS


def parse_file_bounded(
    data: bytes,
    filename: str,
    *,
    mapping: Mapping[str, str] | None = None,
    as_of: date | None = None,
    marks: Mapping[str, str] | None = None,
) -> ParseResult:
    """`parse_file`, bounded in memory and time; raises only PlanImportError, in a plan manager's words."""
    from .limits import check_size

    check_size(data, filename)
    precheck(data, filename)
    memory, cpu, wall = _settings()
    request = {
        "filename": filename,
        "mapping": dict(mapping or {}),
        "marks": dict(marks or {}),
        "as_of": as_of.isoformat() if as_of else None,
    }
    command = [sys.executable, "-m", "peerplan.importers.sandbox", str(memory), str(cpu)]
    with tempfile.TemporaryFile() as errors:
        try:
            done = subprocess.run(  # noqa: S603 -- our own interpreter and module, no shell
                command,
                input=json.dumps(request).encode() + b"\n" + data,
                stdout=subprocess.PIPE,
                stderr=errors,
                timeout=wall,
                check=False,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
        except subprocess.TimeoutExpired:
            raise PlanImportError(
                f"the file took longer than {wall} seconds to read; an action plan takes a second or two: "
                "is it really a plan?",
                filename,
            ) from None
        errors.seek(0, os.SEEK_END)
        errors.seek(max(0, errors.tell() - 2000))
        tail = errors.read().decode("utf-8", "replace")
    if done.returncode != 0:
        log.warning("import sandbox for %r ended with %s: %s", filename, done.returncode, tail)
        raise PlanImportError(_ended(done.returncode, cpu), filename)
    try:
        reply = json.loads(done.stdout)
    except ValueError:
        log.warning("import sandbox for %r answered no JSON: %s", filename, tail)
        raise PlanImportError("the file could not be read (the reader stopped unexpectedly)", filename) from None
    if "error" in reply:
        raise PlanImportError(reply["error"], reply.get("where"))
    return ParseResult.from_json(reply["result"])


def _ended(returncode: int, cpu: int) -> str:
    if returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"the file needed more than {cpu} seconds of work to read: is it really an action plan? It was not read"
    if returncode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS, 3):
        # PDFium and other C libraries abort when an allocation fails under the memory cap.
        return NEEDS_MEMORY
    return "the file could not be read: the reader stopped unexpectedly (the file may be damaged)"


def _child(memory: int, cpu: int) -> None:
    """In the child: limit ourselves, read the request and the file from stdin, write JSON to stdout."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into our answer
    request_line = sys.stdin.buffer.readline()
    data = sys.stdin.buffer.read()
    request = json.loads(request_line)
    from . import parse_file  # imported before the cap: the libraries themselves are not the file's fault

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    filename = request["filename"]
    try:
        result = parse_file(
            data,
            filename,
            mapping=request["mapping"] or None,
            as_of=date.fromisoformat(request["as_of"]) if request["as_of"] else None,
            marks=request.get("marks") or None,
        )
        reply: dict[str, Any] = {"result": result.to_json()}
    except PlanImportError as exc:
        explained = explain(exc, filename)
        reply = {"error": explained.message, "where": explained.where}
    except MemoryError:
        reply = {"error": NEEDS_MEMORY, "where": filename}
    out.write(json.dumps(reply))
    out.close()


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
