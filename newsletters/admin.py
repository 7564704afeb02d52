"""Editors see what readers follow (counts, never addresses); moderators send newsletters."""

from __future__ import annotations

import csv

from csp.decorators import csp_update
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from newsletters import emails, services
from newsletters.models import DeliveryStatus, Frequency, Newsletter, Subscription
from newsroom.admin import CheckedRelatedFieldsMixin


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
class SubscriptionAdmin(CheckedRelatedFieldsMixin, admin.ModelAdmin):
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


@admin.register(Newsletter)
class NewsletterAdmin(CheckedRelatedFieldsMixin, admin.ModelAdmin):
    """Per send: recipients, sent, failed. Moderators preview, test, hold, send and cancel."""

    list_display = (
        "roundup", "status", "hold_until", "recipients", "sent_count", "failed_count",
        "started_at", "finished_at",
    )  # fmt: skip
    list_filter = ("status",)
    search_fields = ("roundup__title", "=roundup__number")
    date_hierarchy = "created_at"
    autocomplete_fields = ("roundup",)
    fields = ("roundup", "hold_until")
    readonly_fields = (
        "status", "recipients", "sent_count", "failed_count", "queued_at", "started_at",
        "finished_at", "created_by", "preview_links",
    )  # fmt: skip
    change_form_template = "admin/newsletters/newsletter/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("roundup")
            .annotate(
                sent=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
                failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
            )
        )

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else (*self.fields, *self.readonly_fields)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        locked = obj.status not in (Newsletter.Status.DRAFT, Newsletter.Status.QUEUED)
        return ("roundup", *self.readonly_fields) + (("hold_until",) if locked else ())

    @admin.display(description="sent", ordering="sent")
    def sent_count(self, obj) -> int:
        return getattr(obj, "sent", 0)

    @admin.display(description="failed", ordering="failed")
    def failed_count(self, obj) -> int:
        return getattr(obj, "failed", 0)

    @admin.display(description="preview")
    def preview_links(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">Preview and test email</a>',
            reverse("admin:newsletters_newsletter_preview", args=[obj.pk]),
        )

    def has_add_permission(self, request):
        return services.may_send(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return services.may_send(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            if obj.roundup.is_published():
                services.newsletter_queue(roundup=obj.roundup, by=request.user)
            return
        if "hold_until" in form.changed_data:
            services.newsletter_hold(newsletter=obj, until=obj.hold_until, by=request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/", view(self.preview_view), name="newsletters_newsletter_preview"
            ),
            path("<int:pk>/email/", view(self.email_view), name="newsletters_newsletter_email"),
            path("<int:pk>/send/", view(self.send_view), name="newsletters_newsletter_send"),
            *super().get_urls(),
        ]

    def _newsletter(self, request, pk) -> Newsletter:
        newsletter = get_object_or_404(Newsletter.objects.select_related("roundup"), pk=pk)
        if not self.has_view_permission(request, newsletter):
            raise PermissionDenied
        return newsletter

    def preview_view(self, request, pk):
        newsletter = self._newsletter(request, pk)
        parts = emails.newsletter_parts(newsletter, preview=True)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": newsletter,
            "title": f"Preview: {parts['subject']}",
            "parts": parts,
            "may_send": services.may_send(request.user),
            "Status": Newsletter.Status,
        }
        return TemplateResponse(request, "admin/newsletters/newsletter/preview.html", context)

    @csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["*"], "sandbox": [""]})
    def email_view(self, request, pk):
        """The HTML part on its own, as a mail client shows it (its inline styles allowed)."""
        newsletter = self._newsletter(request, pk)
        return HttpResponse(emails.newsletter_parts(newsletter, preview=True)["html"])

    def send_view(self, request, pk):
        """POST only: test (to oneself), send now, or cancel."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        newsletter = self._newsletter(request, pk)
        action = request.POST.get("action")
        try:
            if action == "test":
                address = services.newsletter_send_test(newsletter=newsletter, by=request.user)
                messages.success(request, f"A test email went to {address}.")
            elif action == "send_now":
                services.newsletter_send_now(newsletter=newsletter, by=request.user)
                messages.success(
                    request, "The hold is lifted: it goes out as soon as the round-up is published."
                )
            elif action == "cancel":
                services.newsletter_cancel(newsletter=newsletter, by=request.user)
                messages.success(request, "The newsletter is cancelled.")
            else:
                messages.error(request, "Unknown action: nothing was done.")
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        except Exception as error:  # noqa: BLE001 - the mail server failed the test email
            messages.error(request, f"The email could not be sent: {error}")
        return redirect("admin:newsletters_newsletter_preview", pk=newsletter.pk)
