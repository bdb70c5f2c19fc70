"""People, councils and the roles people hold in them, with each council's settings.

Who may do what is decided in permissions.py, never here.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from peerplan.shared.rag import Rag

from .enums import RagRule, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use Django's admin site.")
    date_joined = models.DateTimeField(default=timezone.now)
    invited_at = models.DateTimeField(null=True, blank=True, help_text="When the latest invitation was sent.")
    accepted_at = models.DateTimeField(null=True, blank=True, help_text="When they first set a password.")
    line_manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="Told when this person's updates are long overdue.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits, e.g. #1d70b8.")


class Organisation(models.Model):
    """A council, with its branding and its rules for RAG ratings."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    brand_colour = models.CharField(max_length=7, default="#1d70b8", validators=[hex_colour])
    logo = models.FileField(upload_to="logos/", blank=True)
    rag_rule = models.CharField(max_length=20, choices=RagRule.choices, default=RagRule.MANUAL)
    # Percentage rule: up to red_max% is red, up to amber_max% amber, above green.
    rag_red_max_percent = models.PositiveSmallIntegerField(default=25, validators=[MaxValueValidator(100)])
    rag_amber_max_percent = models.PositiveSmallIntegerField(default=75, validators=[MaxValueValidator(100)])
    rag_red_when_behind_and_overdue = models.BooleanField(
        default=True, help_text="Red when less than half done and past the due date."
    )
    # Slippage rule: amber up to this many days past due, red beyond.
    rag_amber_days = models.PositiveSmallIntegerField(default=30, validators=[MinValueValidator(0)])
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rag_red_max_percent__lte=models.F("rag_amber_max_percent")),
                name="organisation_rag_thresholds_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RagDefinition(models.Model):
    """How one council labels and defines one rating of its RAG vocabulary."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rag_definitions")
    rating = models.CharField(max_length=20, choices=Rag.choices)
    label = models.CharField(max_length=60)
    meaning = models.CharField(max_length=300)
    colour = models.CharField(max_length=7, validators=[hex_colour])
    in_use = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["organisation", "order"]
        constraints = [models.UniqueConstraint(fields=["organisation", "rating"], name="rag_definition_unique_rating")]

    def __str__(self) -> str:
        return f"{self.label} ({self.organisation})"


class Committee(models.Model):
    """A body the plan is reported to: Cabinet, Overview & Scrutiny, Audit Committee …"""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="committee_unique_name")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """The role a person holds in an organisation: one role per person per organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_one_role_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"
