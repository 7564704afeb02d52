from __future__ import annotations

import datetime
import time

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import F
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from newsroom.admin import CheckedRelatedFieldsMixin
from organizations.models import SIGNED_OFF
from stories import preview, services
from stories.admin_changes import PendingChangesAdminMixin, pending_items
from stories.cache import content_version, get_or_compute_once
from stories.forms import ConcurrentEditForm, RoundUpItemFormSet, keep_baseline
from stories.history import VersionHistoryAdmin
from stories.importer.admin import DigestImportMixin
from stories.models import (
    EDITABLE_STATUSES,
    PENDING_STEPS,
    WORKFLOW,
    Region,
    RoundUp,
    RoundUpItem,
    Story,
    Topic,
    Transition,
    validate_plausible_date,
)
from stories.signals import story_links_version


def parse_local_datetime(value: str) -> datetime.datetime | None:
    """Read a time typed in the admin (in the site's time zone); blank means none."""
    if not value.strip():
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            "Give the publication time as YYYY-MM-DD HH:MM.", code="invalid_time"
        ) from None
    validate_plausible_date(parsed)
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


@admin.register(Topic)
class TopicAdmin(CheckedRelatedFieldsMixin, VersionHistoryAdmin):
    list_display = ["name", "parent", "slug"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Region)
class RegionAdmin(CheckedRelatedFieldsMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "m49_code", "iso_code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "iso_code", "m49_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "members"]
    list_select_related = ["parent"]


class MineFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("drafts", "My drafts"), ("all", "Everything I wrote")]

    def queryset(self, request, queryset):
        if self.value() == "drafts":
            return queryset.filter(author=request.user, status__in=EDITABLE_STATUSES)
        if self.value() == "all":
            return queryset.filter(author=request.user)
        return queryset


class UsedVocabularyListFilter(admin.RelatedOnlyFieldListFilter):
    """Only the themes, places or organizations some story uses, looked up once per content
    version and version of stories' links (drafts' too, which leave the content version alone):
    the DISTINCT over every story's links takes ~0.3 s each at 100,000 stories."""

    def field_choices(self, field, request, model_admin):
        versions = f"{content_version()}:{story_links_version()}"
        key = f"admin-used:{model_admin.model._meta.label}:{field.name}:{versions}"
        # Looked up by one request while editors who open the list meanwhile wait for it.
        parent = super()
        return get_or_compute_once(
            key, lambda: parent.field_choices(field, request, model_admin), 60 * 60
        )


# The change form's workflow buttons: <button name="_workflow" value="submit">, with the step's
# comment and publication time in the same form.
STEP_BUTTON, STEP_COMMENT, STEP_AT = "_workflow", "_workflow_comment", "_workflow_at"


class StepRefused(Exception):
    """A workflow step pressed on the change form was refused: undo the save that came with it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


LIST_OPENED_SALT = "stories.admin.list-opened"
# How long a list page's bulk actions stay valid: after that, reload the list first.
LIST_OPENED_MAX_AGE = 12 * 60 * 60


def list_opened_token() -> str:
    return signing.dumps(timezone.now().isoformat(), salt=LIST_OPENED_SALT)


def list_opened_at(value: str) -> datetime.datetime | None:
    """When the list a bulk action was sent from was opened; None if it does not say."""
    try:
        opened = signing.loads(value, salt=LIST_OPENED_SALT, max_age=LIST_OPENED_MAX_AGE)
        return datetime.datetime.fromisoformat(opened)
    except (signing.BadSignature, TypeError, ValueError):
        return None


class EditorialActionForm(helpers.ActionForm):
    """The list's bulk actions, carrying when the list was opened: a bulk step leaves alone
    the items changed since, which the person acting has not seen."""

    list_opened = forms.CharField(
        widget=forms.HiddenInput, required=False, label="", initial=list_opened_token
    )


class EstimatedCountPaginator(Paginator):
    """An unfiltered list of a large table takes PostgreSQL's estimate of its rows.

    Counting a million stories reads a whole index on every page of the list; the planner's
    estimate (kept by ANALYZE and autovacuum) is a lookup, and the list says "about".
    """

    # Below this many rows the list counts them exactly.
    ESTIMATE_ABOVE = 50_000

    @property
    def estimated(self) -> bool:
        return self.count is not None and self._estimated

    @cached_property
    def count(self) -> int:
        self._estimated = False
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > self.ESTIMATE_ABOVE:
                self._estimated = True
                return row[0]
        return super().count


class EditorialAdmin(PendingChangesAdminMixin, CheckedRelatedFieldsMixin, VersionHistoryAdmin):
    """What the story and round-up admins share: workflow, revisions, concurrency, sharing."""

    form = ConcurrentEditForm
    change_form_template = "admin/stories/editorial_change_form.html"
    change_list_template = "admin/stories/change_list.html"
    date_hierarchy = "published_at"
    list_filter = ["status", MineFilter]
    readonly_fields = ["status", "author", "created_at", "updated_at"]
    list_per_page = 50
    # A filtered list counts its matches once, not the whole table a second time, and the
    # unfiltered list of a large archive is estimated.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    actions = ["submit_for_review", "approve", "publish"]
    action_form = EditorialActionForm
    # How long an open change form counts as "being edited" for the notice to others.
    presence_seconds = 300

    class Media:
        css = {"all": ["stories/admin-layout.css"]}

    # Drafts (no publication time) first, on SQLite as on PostgreSQL: a new draft is on page one.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]

    @admin.display(description="Public", boolean=True)
    def public(self, obj) -> bool:
        return obj.is_published()

    def view_on_site(self, obj):
        """Readers' page of a public item; anything else has the Preview link instead."""
        return obj.get_absolute_url() if obj.is_published() else None

    @admin.display(description="Publication time", ordering="published_at")
    def publication_time(self, obj) -> str:
        if obj.published_at is None:
            return "—"
        return f"{timezone.localtime(obj.published_at):%-d %b %Y %H:%M %Z}"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets  # nothing is saved from an add page or a read-only page
        # The version the page shows travels with the form, so a stale save is refused.
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "seen_version"]}), *rest]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        if change and hasattr(obj, "content_edited"):
            obj.content_edited(form.changed_data)
        super().save_model(request, obj, form, change)

    # --- Saving and a workflow step as one action ---
    #
    # A workflow button on the change form submits the whole form. changeform_view validates and
    # saves it as Django does; response_change then takes the step, in the same transaction. If
    # the step is refused, everything is rolled back and the page is shown again with the input
    # kept and the reason as a form error. A page the user may only view saves nothing: the step
    # alone is taken, after the same version check.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        step = request.POST.get(STEP_BUTTON) if request.method == "POST" and object_id else None
        if step is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return super().changeform_view(request, object_id, form_url, extra_context)
        if not self.has_change_permission(request, obj):
            return self.step_from_read_only_page(request, obj, step)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StepRefused as refusal:
            # The save was rolled back with the step; validate again, showing why.
            request.workflow_refusal = refusal.message
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "workflow_refusal", None)
        if refusal:
            form = type(form.__name__, (form,), {"workflow_refusal": refusal})
        return form

    def response_change(self, request, obj):
        step = request.POST.get(STEP_BUTTON)
        if step is None:
            return super().response_change(request, obj)
        self.take_step(request, obj, step, saved=True)
        return HttpResponseRedirect(self.change_url(obj))

    def take_step(self, request, obj, step: str, *, saved: bool = False) -> None:
        """Take the workflow step named by the pressed button on obj, as saved; raise
        StepRefused with the reason if it may not be taken."""
        if step in PENDING_STEPS:
            return self.take_pending_step(request, obj, step, saved=saved)
        label = WORKFLOW[step].label if step in WORKFLOW else "Confirm identity protection"
        if step not in services.ACTIONS:
            raise StepRefused("That workflow step does not exist; nothing was saved.")
        saved_comment = reversion.get_comment() if reversion.is_active() else ""
        try:
            at = parse_local_datetime(request.POST.get(STEP_AT, ""))
            moved = services.take_action(
                obj, step, by=request.user, comment=request.POST.get(STEP_COMMENT, ""), at=at
            )
        except ValidationError as error:
            reason = " ".join(error.messages)
            raise StepRefused(f"“{label}” was not taken and nothing was saved: {reason}") from None
        except PermissionDenied as error:
            reason = str(error.args[0]) if error.args else "You may not take this step."
            raise StepRefused(f"“{label}” was not taken and nothing was saved: {reason}") from None
        if reversion.is_active() and saved_comment and saved_comment != "No fields changed.":
            # One revision holds the edit and the step: its note names both.
            reversion.set_comment(f"{saved_comment} {reversion.get_comment()}".strip())
        if saved:
            self.message_user(request, f"“{obj}” was saved.", messages.SUCCESS)
        for transition in moved:
            self.message_user(request, f"“{transition.content_object}”: {transition}.")
        if moved:
            self.after_step(request, obj)

    def after_step(self, request, obj) -> None:
        """What the moderator should know once a step is taken (nothing, unless a kind says)."""

    def take_pending_step(self, request, obj, step: str, *, saved: bool) -> None:
        """A step of the live item's proposed changes, after the page's edits were proposed."""
        label = PENDING_STEPS[step]
        if getattr(request, "_proposal_failed", False):
            raise StepRefused(
                f"“{label}” was not taken and nothing was saved: {request._proposal_message}"
            )
        try:
            at = parse_local_datetime(request.POST.get(STEP_AT, ""))
            transition = services.revision_step(
                item=obj,
                step=step,
                by=request.user,
                comment=request.POST.get(STEP_COMMENT, ""),
                at=at,
                kind=request.POST.get("_change_kind", ""),
                note=request.POST.get("_change_note", ""),
                # A page that saved the proposal was checked against it when it was validated.
                seen=None if saved else request.POST.get("pending_version", ""),
            )
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", None) or [str(error)])
            raise StepRefused(f"“{label}” was not taken and nothing was saved: {reason}") from None
        self.message_user(request, f"“{obj}”: {transition}.")

    def step_from_read_only_page(self, request, obj, step: str):
        refusal = self.stale_version(request, obj)
        try:
            if refusal:
                raise StepRefused(refusal)
            with transaction.atomic():
                self.take_step(request, obj, step)
        except StepRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        return HttpResponseRedirect(self.change_url(obj))

    # --- Permissions: content is locked for editors once it is submitted ---

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_editable_by(request.user))

    def _has(self, request, verb: str) -> bool:
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.{verb}_{opts.model_name}")

    def has_submit_permission(self, request) -> bool:
        return self._has(request, "submit")

    def has_approve_permission(self, request) -> bool:
        return self._has(request, "approve")

    def has_publish_permission(self, request) -> bool:
        return self._has(request, "publish")

    # --- Bulk actions: one transaction per item, a message per item ---

    def run_bulk(self, request, queryset, action: str) -> None:
        opened = list_opened_at(request.POST.get("list_opened", ""))
        if opened is None:
            self.message_user(
                request,
                "Nothing was done: the list did not say when you opened it, so it could not be "
                "checked that nobody changed the selected items since. Reload the list and try "
                "again.",
                messages.ERROR,
            )
            return
        for obj in queryset.order_by("pk"):
            if obj.updated_at > opened:
                self.message_user(
                    request,
                    f"“{obj}”: not changed. It was changed after you opened the list; look at "
                    "it again first.",
                    messages.ERROR,
                )
                continue
            try:
                services.take_action(obj, action, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"“{obj}”: not changed. {text}", messages.ERROR)
            else:
                obj.refresh_from_db(fields=["status"])
                self.message_user(
                    request, f"“{obj}”: now {obj.get_status_display().lower()}.", messages.SUCCESS
                )

    @admin.action(description="Submit selected for review", permissions=["submit"])
    def submit_for_review(self, request, queryset):
        self.run_bulk(request, queryset, "submit")

    @admin.action(description="Approve selected", permissions=["approve"])
    def approve(self, request, queryset):
        self.run_bulk(request, queryset, "approve")

    @admin.action(
        description="Publish selected now (or at their set time)", permissions=["publish"]
    )
    def publish(self, request, queryset):
        self.run_bulk(request, queryset, "publish")

    # --- Workflow views ---

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/",
                view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            path(
                "<path:object_id>/share/", view(self.share_view), name="{}_{}_share".format(*info)
            ),
            *super().get_urls(),
        ]

    def change_url(self, obj) -> str:
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def redirect_back(self, request, obj):
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = self.change_url(obj)
        return HttpResponseRedirect(target or self.change_url(obj))

    def get_workflow_object(self, request, object_id):
        if request.method != "POST":
            return None
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} with this id.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def stale_version(self, request, obj) -> str | None:
        """Why a step posted from a page may not be taken on obj as it is now, if so: the
        page showed an older version, or did not say which one (the check fails closed)."""
        seen = request.POST.get("seen_version", "")
        name = obj._meta.verbose_name
        if not seen.isdigit():
            return (
                f"Nothing was done: the page did not say which version of this {name} it "
                "showed. Reload the page, check it, and try again."
            )
        if int(seen) != obj.lock_version:
            return (
                f"This {name} changed since you opened it; nothing was done. "
                "Check the current version and try again."
            )
        return None

    def workflow_view(self, request, object_id):
        """Take one workflow action posted from the change form; the model re-checks who may."""
        obj = self.get_workflow_object(request, object_id)
        if obj is None:
            return HttpResponseNotAllowed(["POST"])
        action = request.POST.get("action", "")
        if action not in services.ACTIONS:
            return HttpResponseBadRequest("Unknown workflow action.")
        verb = WORKFLOW[action].verb if action in WORKFLOW else "approve"
        if not request.user.has_perm(obj.permission(verb)):
            # Whoever may not take the step at all is told so first, with the model's words.
            step = WORKFLOW[action].label.lower() if action in WORKFLOW else "confirm"
            raise PermissionDenied(
                f"You are not allowed to {step} this {obj._meta.verbose_name}.", "permission_denied"
            )
        refusal = self.stale_version(request, obj)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return self.redirect_back(request, obj)
        try:
            at = parse_local_datetime(request.POST.get("at", ""))
            moved = services.take_action(
                obj, action, by=request.user, comment=request.POST.get("comment", ""), at=at
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return self.redirect_back(request, obj)
        for transition in moved:
            self.message_user(request, f"“{transition.content_object}”: {transition}.")
        if moved:
            self.after_step(request, obj)
        return self.redirect_back(request, obj)

    def share_view(self, request, object_id):
        """Create or revoke a signed preview link for a reader without an account."""
        obj = self.get_workflow_object(request, object_id)
        if obj is None:
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("stories.add_previewlink"):
            raise PermissionDenied
        revoke = request.POST.get("revoke", "")
        if revoke.isdigit():
            preview.links_for(obj).filter(pk=revoke, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            self.message_user(request, "The preview link was revoked; it no longer opens.")
        elif request.POST.get("proposed"):
            revision = obj.pending_revision() if obj.is_live() else None
            if revision is None:
                self.message_user(
                    request,
                    "There are no proposed changes to share: they were published or discarded.",
                    messages.ERROR,
                )
                return self.redirect_back(request, obj)
            link = preview.create_link(revision, by=request.user)
            self.message_user(
                request,
                format_html(
                    "Preview link of the proposed changes, valid until {} or until they are "
                    'published or discarded: <a href="{}">{}</a>',
                    f"{timezone.localtime(link.expires_at):%-d %b %Y %H:%M %Z}",
                    preview.link_url(link),
                    preview.link_url(link),
                ),
            )
        else:
            link = preview.create_link(obj, by=request.user)
            self.message_user(
                request,
                format_html(
                    'Preview link, valid until {}: <a href="{}">{}</a>',
                    f"{timezone.localtime(link.expires_at):%-d %b %Y %H:%M %Z}",
                    preview.link_url(link),
                    preview.link_url(link),
                ),
            )
        return self.redirect_back(request, obj)

    def also_editing(self, request, obj) -> list[str]:
        """Note this user on the object and return the others who opened it recently."""
        key = f"editing:{obj._meta.label_lower}:{obj.pk}"
        now = time.time()
        present = {
            pk: (name, seen)
            for pk, (name, seen) in (cache.get(key) or {}).items()
            if now - seen < self.presence_seconds and pk != request.user.pk
        }
        others = [name for name, _ in present.values()]
        if self.has_change_permission(request, obj):
            # Someone who may only read the page (it is locked for them) edits nothing.
            present[request.user.pk] = (
                request.user.get_full_name() or request.user.get_username(),
                now,
            )
            cache.set(key, present, self.presence_seconds)
        return others

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None and self.has_view_or_change_permission(request, obj):
            user = request.user
            opts = obj._meta
            extra_context.update(
                workflow_actions=[
                    (name, WORKFLOW[name].label) for name in obj.available_actions(user)
                ],
                workflow_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_workflow", args=[obj.pk]
                ),
                share_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_share", args=[obj.pk]),
                can_share=user.has_perm("stories.add_previewlink"),
                preview_links=[(link, preview.link_url(link)) for link in preview.links_for(obj)],
                transitions=obj.transitions(),
                preview_url=f"{obj.get_absolute_url()}?preview=1",
                compare_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_compare", args=[obj.pk]
                ),
                workflow_comment=request.POST.get(STEP_COMMENT, ""),
                workflow_at=request.POST.get(STEP_AT, ""),
                content_locked=not obj.is_editable_by(user),
                send_back=obj.changes_requested() if obj.author_id == user.pk else None,
                can_publish=obj.may(user, "publish"),
                time_zone=timezone.get_current_timezone_name(),
            )
            extra_context.update(self.pending_context(request, obj))
            if request.method == "GET":
                extra_context["also_editing"] = self.also_editing(request, obj)
                keep_baseline(obj)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Story)
class StoryAdmin(EditorialAdmin):
    list_display = ["title", "kind", "status", "public", "publication_time", "event_date",
                    "deadline", "author"]  # fmt: skip
    list_filter = [
        "status",
        MineFilter,
        "kind",
        ("topics", UsedVocabularyListFilter),
        ("regions", UsedVocabularyListFilter),
        ("organizations", UsedVocabularyListFilter),
        "event_date",
        "involves_vulnerable_person",
    ]
    list_select_related = ["author"]
    search_fields = ["title", "summary", "source_name", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "regions", "organizations"]
    readonly_fields = [
        *EditorialAdmin.readonly_fields,
        "image_preview",
        "identity_protection_confirmed_by",
        "identity_protection_confirmed_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Source",
            {"fields": ["source_name", "source_url", "event_date", "deadline", "deadline_time"]},
        ),
        ("Classification", {"fields": ["kind", "topics", "regions", "organizations", "tags"]}),
        ("Image", {"fields": ["image", "image_preview", "image_alt", "image_credit"]}),
        (
            "Sensitivity",
            {
                "fields": [
                    "content_note",
                    "involves_vulnerable_person",
                    "identity_protection_confirmed_by",
                    "identity_protection_confirmed_at",
                ]
            },
        ),
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

    def after_step(self, request, obj) -> None:
        """Readers never see an organization no moderator approved: say so when one is left out."""
        if obj.status not in SIGNED_OFF:
            return
        waiting = [str(org) for org in obj.organizations.filter(approved=False)]
        if waiting:
            self.message_user(
                request,
                f"Readers will not see {', '.join(waiting)} on “{obj}” until a moderator approves "
                f"{'it' if len(waiting) == 1 else 'them'} under Organizations.",
                messages.WARNING,
            )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.involves_vulnerable_person and not self.is_moderator(request):
            # Only a moderator may say a story no longer involves a child or a survivor.
            fields = [*fields, "involves_vulnerable_person"]
        return fields

    @admin.display(description="Preview")
    def image_preview(self, obj) -> str:
        if not obj.image:
            return "—"
        if not obj.image._committed:
            # Chosen on a page with errors, so never stored: its URL would not open.
            return "Not stored yet: choose the image again (see above)."
        return format_html(
            # A width attribute, not a style: the Content-Security-Policy blocks inline styles.
            '<img src="{}" alt="{}" width="320">',
            obj.image.url,
            obj.image_alt,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["can_confirm_identity"] = (
                obj.involves_vulnerable_person
                and obj.identity_protection_confirmed_at is None
                and request.user.has_perm("stories.approve_story")
                and request.user.pk != obj.author_id
            )
        return super().change_view(request, object_id, form_url, extra_context)


class RoundUpItemInline(CheckedRelatedFieldsMixin, admin.TabularInline):
    model = RoundUpItem
    formset = RoundUpItemFormSet
    extra = 1
    autocomplete_fields = ["story"]
    fields = ["position", "story", "blurb"]
    ordering = ["position"]

    # The items are the round-up's content: locked with it once it is submitted.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.unlocked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.unlocked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.unlocked(request, obj)

    def unlocked(self, request, obj) -> bool:
        return obj is None or obj.is_editable_by(request.user)

    # A live round-up with proposed changes opens on the proposed items, as new rows: each is
    # kept when saved again, even unchanged (extra rows left as they were would be dropped).
    def get_min_num(self, request, obj=None, **kwargs):
        items = pending_items(obj)
        return len(items) if items else super().get_min_num(request, obj, **kwargs)


@admin.register(RoundUp)
class RoundUpAdmin(DigestImportMixin, EditorialAdmin):
    list_display = ["number", "title", "status", "public", "publication_time", "author"]
    list_display_links = ["number", "title"]
    list_select_related = ["author"]
    search_fields = ["title", "introduction", "=number"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_story"]
    inlines = [RoundUpItemInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for item_form in formset.forms:
            item = item_form.instance
            if item.pk and item.blurb and "blurb" in item_form.changed_data:
                # The blurb is shown in place of the story's summary: text a moderator
                # confirming identity protection has not seen.
                item.story.withdraw_identity_confirmation()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["roundup_stories"] = [
                (
                    story,
                    [
                        (name, WORKFLOW[name].label)
                        for name in story.available_actions(request.user)
                        if name in ("approve", "request_changes")
                    ],
                    reverse("admin:stories_story_workflow", args=[story.pk]),
                )
                for story in obj.workflow_stories()
            ]
        return super().change_view(request, object_id, form_url, extra_context)

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

    def get_queryset(self, request):
        # One query per kind of item for the "content object" column, not one per row.
        return super().get_queryset(request).prefetch_related("content_object")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The API's own admin pages (API keys) live with the API.
from stories.api import admin as api_admin  # noqa: E402, F401
