"""Django admin for people, councils and roles (for operators; council staff use the settings pages)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from peerplan.audit.admin_mixins import AuditedAdmin

from .models import Committee, Membership, Organisation, RagDefinition, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0


# django-stubs bounds UserAdmin's model by AbstractUser; ours is an AbstractBaseUser that signs in by email.
@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin[Any]):
    ordering = ["email"]
    list_display = ["email", "full_name", "job_title", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [MembershipInline]


class RagDefinitionInline(admin.TabularInline[RagDefinition, Organisation]):
    model = RagDefinition
    extra = 0


class CommitteeInline(admin.TabularInline[Committee, Organisation]):
    model = Committee
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "slug", "rag_rule"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RagDefinitionInline, CommitteeInline]
