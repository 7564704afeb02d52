from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from stories.images import SanitizedImageField, image_upload_to, validate_image

# Stories whose organizations readers see or soon will: an editor's change must not reach them.
SIGNED_OFF = ("approved", "scheduled", "published")


class OrganizationQuerySet(models.QuerySet):
    def approved(self) -> OrganizationQuerySet:
        """Organizations readers may see: approved by a moderator."""
        return self.filter(approved=True)

    def in_use(self) -> OrganizationQuerySet:
        """Organizations that a story a moderator approved, scheduled or published mentions."""
        from stories.models import Story

        through = Story.organizations.through.objects.filter(story__status__in=SIGNED_OFF)
        return self.filter(pk__in=through.values("organization_id"))

    def named(self, text: str) -> OrganizationQuerySet:
        """Organizations whose name, acronym or one of whose aliases contains the text."""
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(acronym__iexact=text)
            | models.Q(aliases__icontains=text)
        )


class Organization(models.Model):
    # A moderator's decision, not content: restoring a saved version leaves it as it is, and a
    # recovered organization waits for approval again (stories.history).
    WORKFLOW_FIELDS = ("approved",)

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental body"
        UN_AGENCY = "un_agency", "UN agency"
        GOVERNMENT = "government", "Government body"
        NGO = "ngo", "NGO / civil society"
        PRIVATE_SECTOR = "private_sector", "Private sector"
        RESEARCH = "research", "Research"
        MEDIA = "media", "Media"
        FUNDER = "funder", "Funder"

    name = models.CharField(max_length=255)
    acronym = models.CharField(max_length=40, blank=True, help_text="For example OSCE or IOM.")
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.NGO)
    website = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    logo = SanitizedImageField(upload_to=image_upload_to, blank=True, validators=[validate_image])
    headquarters = models.ForeignKey(
        "stories.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headquartered_organizations",
        limit_choices_to={"kind": "country"},
        help_text="Country of headquarters.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one belongs to, for example ASEAN for ASEAN-ACT.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names the organization is mentioned by, one per line. Used by search.",
    )
    approved = models.BooleanField(
        default=False,
        help_text=(
            "Readers see an organization only once a moderator has approved it. An editor's "
            "new organization, or an editor's change to one, waits for that approval."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("approve_organization", "Can approve organizations for readers")]

    def __str__(self) -> str:
        if self.acronym and self.acronym.lower() != self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:organization_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.acronym or self.name)[:255]
        super().save(*args, **kwargs)

    @staticmethod
    def may_approve(user) -> bool:
        return bool(user and user.is_active and user.has_perm("organizations.approve_organization"))

    def is_editable_by(self, user) -> bool:
        """Moderators change any organization; editors only those no signed-off story mentions."""
        if self.may_approve(user):
            return True
        if user is None or not user.has_perm("organizations.change_organization"):
            return False
        return self.pk is None or not Organization.objects.in_use().filter(pk=self.pk).exists()

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def add_alias(self, name: str) -> bool:
        """Record another name the organization is mentioned by; False if it is known already."""
        name = " ".join(name.split())
        known = {self.name.casefold(), self.acronym.casefold()}
        known |= {alias.casefold() for alias in self.alias_list}
        if not name or name.casefold() in known:
            return False
        self.aliases = "\n".join([*self.alias_list, name])
        return True
