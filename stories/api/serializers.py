"""What the API says about each item: absolute URLs, ISO 8601 times, slugs and stable ids.

Every serializer lists `default_fields` (the compact answer) and accepts `?fields=` naming any
of its fields. Related items are named only when published (a digest's lead and items, a
story's digests); counts count published stories only.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organizations.models import Organization
from stories.models import Region, RoundUp, RoundUpItem, Story, Topic
from stories.views import absolute


class SelectableFieldsMixin:
    """Serialise only the fields the view chose (`context["fields"]`), the defaults otherwise."""

    default_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.context.get("fields") or self.default_fields
        for name in list(self.fields):
            if name not in chosen:
                self.fields.pop(name)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(cls.Meta.fields)


class LinkSerializer(serializers.Serializer):
    """A theme, place or organization as a story names it."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())


class TagSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class DigestLinkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = RoundUp
        fields = ["number", "slug", "title", "url", "published_at"]

    def get_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())


class StorySerializer(SelectableFieldsMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The story's public page.")
    # Named as the finder's filter (`?type=`), with its slugs as values.
    type = serializers.ChoiceField(
        source="kind", choices=Story.Kind.choices, read_only=True, help_text="What sort of piece."
    )
    # Prefetched into lists by the view (stories.api.views.story_queryset); organizations only
    # those a moderator approved: an editor's proposal is no reader's business yet.
    topics = LinkSerializer(source="listed_topics", many=True, read_only=True)
    regions = LinkSerializer(source="listed_regions", many=True, read_only=True)
    organizations = LinkSerializer(source="listed_organizations", many=True, read_only=True)
    tags = TagSerializer(source="listed_tags", many=True, read_only=True)
    image = serializers.SerializerMethodField(help_text="The original image's address, if any.")
    digests = serializers.SerializerMethodField(
        help_text="The published digests that lead with or list the story, oldest first."
    )

    default_fields = (
        "id", "slug", "url", "title", "summary", "type", "published_at",
        "topics", "regions", "organizations", "tags", "deadline",
    )  # fmt: skip

    class Meta:
        model = Story
        fields = [
            "id", "slug", "url", "title", "summary", "type", "published_at", "updated_at",
            "topics", "regions", "organizations", "tags", "deadline", "deadline_time",
            "event_date",
            "source_name", "source_url", "content_note", "image", "image_alt",
            "image_credit", "body", "body_html", "digests",
        ]  # fmt: skip

    def get_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())

    def get_image(self, obj) -> str | None:
        return absolute(obj.image.url) if obj.image else None

    @extend_schema_field(DigestLinkSerializer(many=True))
    def get_digests(self, obj) -> list[dict]:
        # Prefetched by the view as published digests only (StoryQuerySet in views.py).
        digests = {d.pk: d for d in [*obj.public_led_digests, *obj.public_listed_digests]}
        ordered = sorted(digests.values(), key=lambda d: d.number)
        return DigestLinkSerializer(ordered, many=True).data


class ItemStorySerializer(serializers.ModelSerializer):
    """A story inside a digest: enough to list and link it."""

    url = serializers.SerializerMethodField()
    type = serializers.ChoiceField(source="kind", choices=Story.Kind.choices, read_only=True)

    class Meta:
        model = Story
        fields = ["id", "slug", "url", "title", "summary", "type", "published_at", "deadline"]

    def get_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())


class DigestItemSerializer(serializers.ModelSerializer):
    story = ItemStorySerializer(read_only=True)

    class Meta:
        model = RoundUpItem
        fields = ["position", "blurb", "story"]


class DigestSerializer(SelectableFieldsMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The digest's public page.")
    lead = serializers.SerializerMethodField(help_text="The lead story, null when none is public.")
    items = serializers.SerializerMethodField(help_text="The published stories listed, in order.")

    default_fields = ("id", "number", "slug", "url", "title", "published_at", "lead", "items")

    class Meta:
        model = RoundUp
        fields = [
            "id", "number", "slug", "url", "title", "published_at", "updated_at",
            "introduction", "lead", "items",
        ]  # fmt: skip

    def get_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())

    @extend_schema_field(ItemStorySerializer(allow_null=True))
    def get_lead(self, obj) -> dict | None:
        lead = obj.lead_story
        if lead is None or not lead.is_published():
            return None
        return ItemStorySerializer(lead).data

    @extend_schema_field(DigestItemSerializer(many=True))
    def get_items(self, obj) -> list[dict]:
        # Prefetched by the view with published stories only.
        return DigestItemSerializer(obj.public_items, many=True).data


class CountedSerializer(SelectableFieldsMixin, serializers.ModelSerializer):
    """Vocabularies carry the number of published stories the finder lists for them."""

    url = serializers.SerializerMethodField()
    story_count = serializers.SerializerMethodField(
        help_text="Published stories the finder lists for this option (sub-items included)."
    )

    def get_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())

    def get_story_count(self, obj) -> int:
        return self.context.get("story_counts", {}).get(obj.pk, 0)


class TopicSerializer(CountedSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    children = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    default_fields = ("id", "slug", "name", "url", "parent", "children", "story_count")

    class Meta:
        model = Topic
        fields = ["id", "slug", "name", "url", "description", "parent", "children", "story_count"]


class RegionSerializer(CountedSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    children = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    members = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="A grouping's member countries."
    )
    groupings = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Groupings a country belongs to."
    )

    default_fields = (
        "id", "slug", "name", "url", "kind", "parent", "children", "members", "story_count",
    )  # fmt: skip

    class Meta:
        model = Region
        fields = [
            "id", "slug", "name", "url", "kind", "m49_code", "iso_code", "description",
            "parent", "children", "members", "groupings", "story_count",
        ]  # fmt: skip


class OrganizationSerializer(CountedSerializer):
    headquarters = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    logo = serializers.SerializerMethodField()

    default_fields = ("id", "slug", "name", "acronym", "url", "kind", "story_count")

    class Meta:
        model = Organization
        fields = [
            "id", "slug", "name", "acronym", "url", "kind", "website", "description",
            "headquarters", "parent", "logo", "story_count",
        ]  # fmt: skip

    def get_logo(self, obj) -> str | None:
        return absolute(obj.logo.url) if obj.logo else None
