"""The pages the ui app owns: the patterns page, which shows every component, and the accessibility statement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import patterns


@login_required
def patterns_page(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/patterns.html", patterns.sample_context())


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html")
