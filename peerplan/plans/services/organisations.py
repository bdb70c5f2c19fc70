"""Writes to councils: a new one starts with the default RAG vocabulary."""

from __future__ import annotations

from django.db import transaction

from peerplan.accounts.models import Organisation, RagDefinition, User
from peerplan.audit.services import audit_record
from peerplan.shared.rag import Rag


def organisation_create(*, name: str, slug: str, actor: User | None = None) -> Organisation:
    """A council with the default RAG vocabulary (Red, Amber, Green, Complete, Not started)."""
    with transaction.atomic():
        organisation = Organisation(name=name, slug=slug)
        organisation.full_clean()
        organisation.save()
        RagDefinition.objects.bulk_create(
            RagDefinition(
                organisation=organisation,
                rating=rag.value,
                label=str(rag.label),
                meaning=rag.meaning,
                colour=rag.colour,
                order=i,
            )
            for i, rag in enumerate(Rag)
        )
        audit_record(actor=actor, organisation=organisation, verb="created", target=organisation)
    return organisation
