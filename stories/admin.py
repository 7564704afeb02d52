from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html

from stories.models import Region, RoundUp, RoundUpItem, Story, Topic, Transition


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "m49_code", "iso_code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "iso_code", "m49_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "members"]
    list_select_related = ["parent"]


class EditorialAdmin(admin.ModelAdmin):
    """What the story and round-up admins share: status columns, dates, authorship."""

    date_hierarchy = "published_at"
    list_filter = ["status"]
    readonly_fields = ["status", "author", "created_at", "updated_at"]
    list_per_page = 50

    @admin.display(description="Public", boolean=True)
    def public(self, obj) -> bool:
        return obj.is_published()

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Story)
class StoryAdmin(EditorialAdmin):
    list_display = ["title", "status", "public", "published_at", "event_date", "deadline",
                    "author"]  # fmt: skip
    list_filter = [
        "status",
        ("topics", admin.RelatedOnlyFieldListFilter),
        ("regions", admin.RelatedOnlyFieldListFilter),
        ("organizations", admin.RelatedOnlyFieldListFilter),
        "event_date",
        "involves_vulnerable_person",
    ]
    list_select_related = ["author"]
    search_fields = ["title", "summary", "source_name", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "regions", "organizations"]
    readonly_fields = [*EditorialAdmin.readonly_fields, "image_preview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Source", {"fields": ["source_name", "source_url", "event_date", "deadline"]}),
        ("Classification", {"fields": ["topics", "regions", "organizations", "tags"]}),
        ("Image", {"fields": ["image", "image_preview", "image_alt", "image_credit"]}),
        ("Sensitivity", {"fields": ["content_note", "involves_vulnerable_person"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "unpublish_at",
                    "author",
                    "created_at",
                    "updated_at",
                ]
            },
        ),  # fmt: skip
    ]

    @admin.display(description="Preview")
    def image_preview(self, obj) -> str:
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" style="max-width: 320px; height: auto;">',
            obj.image.url,
            obj.image_alt,
        )


class RoundUpItemInline(admin.TabularInline):
    model = RoundUpItem
    extra = 1
    autocomplete_fields = ["story"]
    fields = ["position", "story", "blurb"]
    ordering = ["position"]


@admin.register(RoundUp)
class RoundUpAdmin(EditorialAdmin):
    list_display = ["number", "title", "status", "public", "published_at", "author"]
    list_display_links = ["number", "title"]
    list_select_related = ["author"]
    search_fields = ["title", "introduction", "=number"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_story"]
    inlines = [RoundUpItemInline]
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "introduction", "lead_story"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "unpublish_at",
                    "author",
                    "created_at",
                    "updated_at",
                ]
            },
        ),  # fmt: skip
    ]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["content_object", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    list_select_related = ["by", "content_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
