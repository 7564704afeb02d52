"""Finder filters for stories and round-ups: slugs in the query string, combinable."""

from __future__ import annotations

import django_filters
from taggit.models import Tag

from organizations.models import Organization
from stories.models import Region, RoundUp, Story, Topic


class StoryFilter(django_filters.FilterSet):
    topic = django_filters.ModelMultipleChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic", label="Theme"
    )
    region = django_filters.ModelMultipleChoiceFilter(
        queryset=Region.objects.all(), to_field_name="slug", method="filter_region"
    )
    organization = django_filters.ModelMultipleChoiceFilter(
        queryset=Organization.objects.all(), to_field_name="slug", method="filter_organization"
    )
    tag = django_filters.ModelMultipleChoiceFilter(
        queryset=Tag.objects.all(), to_field_name="slug", method="filter_tag"
    )

    class Meta:
        model = Story
        fields = ["topic", "region", "organization", "tag"]

    def filter_topic(self, queryset, name, topics):
        return queryset.for_topics(topics) if topics else queryset

    def filter_region(self, queryset, name, regions):
        return queryset.in_regions(regions) if regions else queryset

    def filter_organization(self, queryset, name, organizations):
        return queryset.mentioning(organizations) if organizations else queryset

    def filter_tag(self, queryset, name, tags):
        return queryset.tagged([tag.slug for tag in tags]) if tags else queryset


class RoundUpFilter(StoryFilter):
    """Round-ups match when any of their stories matches the story filters."""

    class Meta:
        model = RoundUp
        fields = ["topic", "region", "organization", "tag"]

    def filter_queryset(self, queryset):
        if not any(self.form.cleaned_data.get(name) for name in self.filters):
            return queryset
        return queryset.featuring(super().filter_queryset(Story.objects.published()))
