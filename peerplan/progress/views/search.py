"""Search: recommendation and action text, refs and owner names across the reviews a person may read."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peerplan.accounts.permissions import organisations_of, reviews_visible_to
from peerplan.progress import selectors
from peerplan.ui.forms import GovukForm

from .common import page, rag_words
from .rows import ACTION_HEAD, action_rows

PAGE_SIZE = 25


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Search the plans",
        max_length=200,
        required=False,
        help_text="Words from a recommendation or action, a reference such as KR2, or an owner’s name.",
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    at = timezone.localdate()
    results, page_obj = [], None
    if query:
        organisations = organisations_of(request.user)
        paginator = Paginator(
            selectors.search_index(query, organisations, within=reviews_visible_to(request.user)), PAGE_SIZE
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        results = [
            (group, action_rows(group.actions, at=at, words=rag_words(request)))
            for group in selectors.search_results(page_obj.object_list)
        ]
    context = page(
        search_form=form,
        query=query,
        results=results,
        page_obj=page_obj,
        action_head=ACTION_HEAD,
        nav_current="search",
    )
    return render(request, "progress/search.html", context)
