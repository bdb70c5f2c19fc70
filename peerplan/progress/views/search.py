"""Search: recommendation and action text, refs, owner names and update commentary across the reviews a person
may read (full-text, `peerplan.search`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peerplan.accounts.permissions import organisations_of, reviews_visible_to
from peerplan.progress import selectors
from peerplan.search.selectors import CAP
from peerplan.search.selectors import search as search_hits
from peerplan.ui.cells import ACTION_HEAD, action_rows
from peerplan.ui.forms import GovukForm

from .common import page, rag_words

PAGE_SIZE = 25


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Search the plans",
        max_length=200,
        required=False,
        help_text="Words from a recommendation, action or update, a reference such as KR2, or an owner’s name. "
        "Put a phrase in quotes; end a word with * to find words that start with it.",
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    at = timezone.localdate()
    results, page_obj, more = [], None, False
    if query:
        organisations = organisations_of(request.user)
        hits = search_hits(query, organisations, within=reviews_visible_to(request.user))
        paginator: Paginator[tuple[Any, ...]] = Paginator(hits, PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        more = hits.more
        results = [
            (group, action_rows(group.actions, at=at, words=rag_words(request)))
            for group in selectors.search_results(page_obj.object_list)
        ]
    context = page(
        search_form=form,
        query=query,
        results=results,
        page_obj=page_obj,
        more_than=CAP if more else None,
        action_head=ACTION_HEAD,
        nav_current="search",
    )
    return render(request, "progress/search.html", context)
