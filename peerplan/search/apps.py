from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "peerplan.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from .schema import ensure_search_structures

        post_migrate.connect(ensure_search_structures, sender=self, dispatch_uid="peerplan-search-structures")
