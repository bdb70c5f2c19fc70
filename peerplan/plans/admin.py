"""Read-only admin views of plans: plans change through the app's services, so every change is audited."""

from django.contrib import admin

from peerplan.audit.admin_mixins import ReadOnlyAdmin

from .models import Action, Owner, Recommendation, Review


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "kind", "visit_end", "plan_approved_on"]
    list_filter = ["kind", "organisation"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["ref", "text", "review", "kind"]
    search_fields = ["text", "ref"]
    list_select_related = ["review"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["ref", "text", "status", "rag", "due_date", "review"]
    list_filter = ["status", "rag"]
    search_fields = ["text", "ref"]
    list_select_related = ["review"]


@admin.register(Owner)
class OwnerAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "organisation", "user"]
    search_fields = ["name"]
