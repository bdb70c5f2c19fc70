"""A council's branding on every page: its colour as a tiny stylesheet and its logo, both public.

The Content-Security-Policy forbids style attributes, so the colour comes as a stylesheet of its own.
"""

from __future__ import annotations

import hashlib
import mimetypes

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from peerplan.accounts.models import Organisation
from peerplan.accounts.vocabulary import rag_words

# Logos are stored as .png or .jpg (accounts.logos); an .svg stored before SVG was refused is still served,
# sandboxed and as a download if opened on its own, so it cannot run script on this site.
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def stylesheet(organisation: Organisation) -> str:
    """The header stripe in the council's colour, and each RAG rating in the colour the council gave it."""
    rules = [f".govuk-generic-header{{border-bottom:10px solid {organisation.brand_colour}}}"]
    for word in rag_words(organisation).values():
        rules.append(
            f".govuk-tag.app-rag-tag--{word.rating},.app-rag.app-rag--{word.rating},"
            f".app-rag-key.app-rag-key--{word.rating}{{background-color:{word.colour};color:{word.text_colour}}}"
        )
        rules.append(f".app-chart .app-chart__segment--{word.rating}{{fill:{word.colour}}}")
    return "\n".join(rules) + "\n"


def stylesheet_version(organisation: Organisation) -> str:
    """Changes whenever the stylesheet does, so browsers never keep yesterday's colours."""
    return hashlib.sha256(stylesheet(organisation).encode()).hexdigest()[:12]


@require_safe
@cache_control(public=True, max_age=86400)
def brand_stylesheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's colours (decorative stripe; RAG text colours chosen for contrast) as a stylesheet."""
    organisation = get_object_or_404(Organisation, pk=pk)
    return HttpResponse(stylesheet(organisation), content_type="text/css; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def logo(request: HttpRequest, pk: int) -> FileResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.logo:
        raise Http404("This council has no logo.")
    extension = "." + organisation.logo.name.rsplit(".", 1)[-1].lower()
    content_type = LOGO_TYPES.get(extension) or mimetypes.guess_type(organisation.logo.name)[0]
    if content_type not in LOGO_TYPES.values():
        raise Http404("Not a logo.")
    response = FileResponse(organisation.logo.open("rb"), content_type=content_type)
    # The file is served as what it is and nothing else: no sniffing, no script, its own safe name.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    disposition = "attachment" if extension == ".svg" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="logo{extension}"'
    return response
