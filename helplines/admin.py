from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from helplines.models import Helpline
from newsroom.admin import CheckedRelatedFieldsMixin


@admin.register(Helpline)
class HelplineAdmin(CheckedRelatedFieldsMixin, admin.ModelAdmin):
    list_display = ["name", "region", "kind", "phone", "url", "is_demo", "last_verified"]
    list_filter = ["is_demo", "kind", "region__kind"]
    list_select_related = ["region"]
    search_fields = ["name", "region__name", "phone", "url", "note"]
    autocomplete_fields = ["region"]
    readonly_fields = ["verified_by", "updated_at"]
    date_hierarchy = "last_verified"
    actions = ["verify"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "region",
                    "name",
                    "kind",
                    "phone",
                    "text_number",
                    "hours",
                    "languages",
                    "url",
                    "note",
                ]
            },
        ),  # fmt: skip
        (
            "Checked",
            {
                "fields": ["is_demo", "last_verified", "verified_by", "updated_at"],
                "description": (
                    "Readers see a contact marked as demo data until a moderator checks it "
                    "with the organisation: use “Verified today” on the list."
                ),
            },
        ),
        ("Order", {"fields": ["position"], "classes": ["collapse"]}),
    ]

    @admin.action(
        description="Verified today: checked with the organisation", permissions=["verify"]
    )
    def verify(self, request, queryset):
        count = 0
        for helpline in queryset:
            try:
                helpline.verify(by=request.user)
            except PermissionDenied as error:
                self.message_user(request, f"{helpline}: {error}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} contact(s) marked as verified today.")

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm("helplines.verify_helpline")
