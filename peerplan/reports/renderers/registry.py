"""The registry of report formats: each renderer turns a ReportInput into the bytes of one file.

Renderers are pure (no database, no clock); the built-ins register themselves like any plug-in would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peerplan.reports.compose import ReportInput


class UnknownFormatError(LookupError):
    pass


@dataclass(frozen=True)
class Renderer:
    format: str
    label: str
    extension: str
    content_type: str
    render: Callable[[ReportInput], bytes]


_REGISTRY: dict[str, Renderer] = {}


def renderer_register(renderer: Renderer) -> Renderer:
    _REGISTRY[renderer.format] = renderer
    return renderer


def renderer_get(format_: str) -> Renderer:
    try:
        return _REGISTRY[format_]
    except KeyError:
        raise UnknownFormatError(f"Unknown format {format_!r}. Choose one of: {', '.join(_REGISTRY)}.") from None


def renderers() -> list[Renderer]:
    return list(_REGISTRY.values())


def render(report: ReportInput, format_: str) -> bytes:
    return renderer_get(format_).render(report)
