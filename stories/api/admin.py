"""API keys in the admin: staff issue a key to a partner, see it once, and revoke it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html

from stories.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "requests_per_minute", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact", "prefix"]
    date_hierarchy = "created_at"
    fields = ["name", "contact", "requests_per_minute", "is_active", "prefix", "created_at"]
    readonly_fields = ["prefix", "created_at"]
    list_select_related = ["created_by"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        key = obj.issue_key()
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # Only a hash is kept: this message is the one place the key can be read.
        self.message_user(
            request,
            format_html(
                'The API key for {} is <code class="api-key">{}</code>. Copy it now and send it '
                "to them safely: it is not shown again. Clients send it as the X-API-Key header.",
                obj.name,
                key,
            ),
            messages.WARNING,
        )

    @admin.action(description="Revoke the selected API keys", permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(is_active=True).update(is_active=False)
        self.message_user(request, f"Revoked {count} API key(s): they are refused from now on.")
