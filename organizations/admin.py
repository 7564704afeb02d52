from django.contrib import admin
from django.utils.html import format_html

from newsroom.admin import CheckedRelatedFieldsMixin
from organizations.models import Organization
from stories.history import VersionHistoryAdmin


@admin.register(Organization)
class OrganizationAdmin(CheckedRelatedFieldsMixin, VersionHistoryAdmin):
    list_display = ["name", "acronym", "kind", "headquarters", "parent"]
    list_filter = ["kind"]
    list_select_related = ["headquarters", "parent"]
    search_fields = ["name", "acronym", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["headquarters", "parent"]
    readonly_fields = ["logo_preview"]
    fields = ["name", "acronym", "slug", "kind", "website", "description", "logo", "logo_preview",
              "headquarters", "parent", "aliases"]  # fmt: skip

    @admin.display(description="Preview")
    def logo_preview(self, obj) -> str:
        if not obj.logo:
            return "—"
        return format_html(
            # A width attribute, not a style: the Content-Security-Policy blocks inline styles.
            '<img src="{}" alt="Logo of {}" width="200">',
            obj.logo.url,
            obj.name,
        )
