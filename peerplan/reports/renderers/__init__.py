"""Report renderers by format: docx, pdf, html, xlsx, csv. Importing this package registers the built-ins."""

from . import csv, docx, html, pdf, xlsx  # noqa: F401 -- imported to register the built-in formats
from .registry import Renderer, UnknownFormatError, render, renderer_get, renderer_register, renderers

__all__ = ["Renderer", "UnknownFormatError", "render", "renderer_get", "renderer_register", "renderers"]
