"""Editors see what readers follow (counts, never addresses); moderators send newsletters."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from newsletters.models import Frequency, Subscription


def counts_by_selection():
    """Confirmed subscriptions per selection and frequency, most followed first."""
    rows = (
        Subscription.objects.confirmed()
        .values("kind", "query", "name")
        .annotate(
            total=Count("pk"),
            **{value: Count("pk", filter=Q(frequency=value)) for value in Frequency.values},
        )
        .order_by("-total", "kind", "name")
    )
    return list(rows)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Subscriptions without addresses: readers manage their own through their signed link."""

    list_display = ("__str__", "kind", "frequency", "status", "created_at", "confirmed_at")
    list_filter = ("kind", "status", "frequency")
    search_fields = ("name",)
    date_hierarchy = "created_at"
    fields = ("kind", "name", "query", "frequency", "status", "created_at", "confirmed_at")
    readonly_fields = fields
    change_list_template = "admin/newsletters/subscription/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        counts = self.admin_site.admin_view(self.counts_view)
        return [
            path("counts/", counts, name="newsletters_subscription_counts"),
            *super().get_urls(),
        ]

    def counts_view(self, request):
        """Confirmed subscribers by selection and frequency, as a page or a CSV file."""
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        rows = counts_by_selection()
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                'attachment; filename="subscriptions-by-selection.csv"'
            )
            writer = csv.writer(response)
            writer.writerow(["kind", "selection", "finder query", *Frequency.values, "total"])
            for row in rows:
                writer.writerow(
                    [
                        row["kind"],
                        row["name"],
                        row["query"],
                        *(row[f] for f in Frequency.values),
                        row["total"],
                    ]
                )
            return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Confirmed subscribers by selection",
            "rows": rows,
            "frequencies": Frequency.choices,
        }
        return TemplateResponse(request, "admin/newsletters/subscription/counts.html", context)
