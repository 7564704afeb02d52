from __future__ import annotations

from itertools import groupby

from organizations.models import Organization
from stories.models import Story
from stories.views import (
    VocabularyDetailView,
    VocabularyIndexView,
    absolute,
    responsive_image,
)


class OrganizationDetailView(VocabularyDetailView):
    model = Organization
    filter_param = "organization"

    @property
    def kind_label(self) -> str:
        return self.object.get_kind_display()

    def get_queryset(self):
        # Readers see an organization once a moderator approved it (staff previews included:
        # the admin shows a proposal).
        return super().get_queryset().approved().select_related("parent", "headquarters")

    def stories(self):
        return Story.objects.mentioning([self.object])

    def get_context_data(self, **kwargs):
        # Before the page's meta tags are built from it.
        self.logo = responsive_image(self.object.logo, f"Logo of {self.object.name}")
        return super().get_context_data(logo=self.logo, **kwargs)

    def get_meta(self, context) -> dict:
        meta = super().get_meta(context)
        meta["title"] = f"{self.object} ({self.kind_label})"
        if self.logo:
            meta["image"] = absolute(self.logo["src"])
        return meta


class OrganizationIndexView(VocabularyIndexView):
    template_name = "organizations/organization_list.html"
    meta_title = "Organizations"
    meta_description = "Every organization our published stories mention, with how many each."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = self.story_counts("organization")
        organizations = Organization.objects.filter(
            pk__in=[pk for pk, count in counts.items() if count]
        ).only("pk", "name", "acronym", "slug")
        for organization in organizations:
            organization.story_count = counts[organization.pk]
        ordered = sorted(organizations, key=lambda o: o.name.casefold())
        context["letters"] = [
            (letter, list(group))
            for letter, group in groupby(ordered, key=lambda o: o.name[:1].upper())
        ]
        context["organization_count"] = len(ordered)
        return context
