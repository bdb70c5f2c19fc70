"""What every page's template can use: the council's RAG words, read at most once per request."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import navigation


def rag_words(request: HttpRequest) -> dict[str, Any]:
    """`rag_words`: the header council's vocabulary, read only if the page shows a rating."""
    return {"rag_words": SimpleLazyObject(lambda: navigation.rag_words(getattr(request, "user", None)))}
