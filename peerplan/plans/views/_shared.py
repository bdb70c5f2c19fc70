"""What the plan manager's views share: finding a review the person may see, and showing an edit conflict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404

from peerplan.accounts.permissions import require
from peerplan.plans.errors import EditConflictError
from peerplan.plans.models import Review

Predicate = Callable[[Any, Review], bool]


def review_for(request: HttpRequest, pk: int, may: Predicate) -> Review:
    """The review, or 404; then 403 unless `may(person, review)`."""
    review = get_object_or_404(Review.objects.select_related("organisation"), pk=pk)
    require(may(request.user, review))
    return review


def conflict_form(
    form_class: type[forms.Form], request: HttpRequest, error: EditConflictError, version: int, **kwargs: Any
) -> forms.Form:
    """The person's form again, now against the current version, with the conflict at the top.

    Saving it again is a deliberate choice to replace the other person's change, which the page shows.
    """
    data: QueryDict = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data=data, files=request.FILES or None, **kwargs)
    form.is_valid()
    form.add_error(None, error.messages)
    return form
