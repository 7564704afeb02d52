from django.contrib import admin
from django.utils.html import format_html

from newsroom.admin import CheckedRelatedFieldsMixin
from organizations.models import Organization
from stories.history import VersionHistoryAdmin


@admin.register(Organization)
class OrganizationAdmin(CheckedRelatedFieldsMixin, VersionHistoryAdmin):
    list_display = ["name", "acronym", "kind", "headquarters", "parent", "approved"]
    list_filter = ["approved", "kind"]
    list_select_related = ["headquarters", "parent"]
    search_fields = ["name", "acronym", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["headquarters", "parent"]
    readonly_fields = ["logo_preview"]
    fields = ["name", "acronym", "slug", "kind", "website", "description", "logo", "logo_preview",
              "headquarters", "parent", "aliases", "approved"]  # fmt: skip

    # --- Editors propose, moderators publish ---

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_editable_by(request.user))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not Organization.may_approve(request.user):
            readonly.append("approved")
        return readonly

    def save_model(self, request, obj, form, change):
        # An editor's new organization, or change to one, is a proposal until a moderator
        # approves it: readers stop seeing it meanwhile.
        if not Organization.may_approve(request.user):
            obj.approved = False
        super().save_model(request, obj, form, change)

    def may_restore(self, request, obj) -> bool:
        # A restore writes around save_model: only those who may approve the result do it.
        return Organization.may_approve(request.user) and super().may_restore(request, obj)

    def may_recover(self, request) -> bool:
        return Organization.may_approve(request.user) and super().may_recover(request)

    @admin.action(description="Approve for readers", permissions=["approve"])
    def approve(self, request, queryset):
        count = 0
        # One save each, not update(): the cache and the search index follow saves.
        for organization in queryset.filter(approved=False):
            organization.approved = True
            organization.save(update_fields=["approved", "updated_at"])
            count += 1
        self.message_user(request, f"{count} organization(s) approved: readers see them now.")

    def has_approve_permission(self, request) -> bool:
        return Organization.may_approve(request.user)

    actions = ["approve"]

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
