"""The admin's history screens: saved versions shown, restored and recovered like any other change.

django-reversion's own revision and recover views revert a whole revision first and check the
request afterwards, look versions up by id without checking whose they are, and restore workflow
state with the content. These replace them: they look a version up only among this model's
versions of this object (or of a deleted object), check who may act on the object as it is now
before anything is written, show the version without writing anything, and restore content only,
through `stories.services.version_restore` and `version_recover`, which record a workflow step.
"""

from __future__ import annotations

import json
import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import is_active, set_comment

from stories import services
from stories.diff import compare_fields, compare_items, field_values, label_of, shown
from stories.models import LIVE_STATUSES, Publishable


class VersionHistoryAdmin(VersionAdmin):
    """Revision history for a model admin: browse, compare with now, restore, recover."""

    object_history_template = "admin/history/object_history.html"
    revision_form_template = "admin/history/version_restore.html"
    recover_form_template = "admin/history/version_recover.html"

    # --- Who may do what ---

    def is_workflow_model(self) -> bool:
        return issubclass(self.model, Publishable)

    def is_moderator(self, request) -> bool:
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def may_restore(self, request, obj) -> bool:
        """Whether the user may put a saved version's content back into this object now."""
        if not self.has_change_permission(request, obj):
            return False
        # For stories and round-ups a restore is a workflow step, as an edit of live text is.
        return not self.is_workflow_model() or self.is_moderator(request)

    def may_recover(self, request) -> bool:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return False
        return not self.is_workflow_model() or self.is_moderator(request)

    def restorable_fields(self, request, obj=None) -> list[models.Field]:
        """The fields a restore writes: those this user edits in the change form, never the
        workflow's own (status, times, author, version counter, identity protection)."""
        form = self.get_form(request, obj, change=obj is not None)
        readonly = set(self.get_readonly_fields(request, obj))
        excluded = set(getattr(self.model, "WORKFLOW_FIELDS", ()))
        fields = []
        for name in form.base_fields:
            if name in readonly or name in excluded:
                continue
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            # Tags are not part of a saved version, so they are left as they are.
            if (field.concrete and not field.primary_key) or isinstance(
                field, models.ManyToManyField
            ):
                fields.append(field)
        return fields

    # --- Looking versions up ---

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def version_of_object(self, object_id: str, version_id: str) -> Version:
        """A version of this very object of this model, or 404: ids from elsewhere never apply."""
        version = (
            Version.objects.get_for_object_reference(self.model, object_id)
            .filter(pk=version_id)
            .select_related("revision__user")
            .first()
        )
        if version is None:
            raise Http404(f"This {self.model._meta.verbose_name} has no such saved version.")
        return version

    def version_of_deleted_object(self, version_id: str) -> Version:
        version = (
            Version.objects.filter(pk=version_id, content_type=self.content_type())
            .select_related("revision__user")
            .first()
        )
        if version is None:
            raise Http404(f"No saved version of a {self.model._meta.verbose_name} has this id.")
        return version

    def differences(self, request, obj, version):
        """What restoring the version would change: its fields, and a round-up's items."""
        fields = compare_fields(
            self.model,
            field_values(obj),
            version.field_dict,
            fields=self.restorable_fields(request, obj),
        )
        items = []
        if hasattr(obj, "items_saved_in"):
            items = compare_items(obj.item_values(), obj.items_saved_in(version.revision))
        return fields, items

    def version_changes(self, obj, older, newer):
        """What changed from one saved version of the object to another, items included."""
        fields = compare_fields(self.model, older.field_dict, newer.field_dict)
        items = []
        if hasattr(obj, "items_saved_in"):
            items = compare_items(
                obj.items_saved_in(older.revision), obj.items_saved_in(newer.revision)
            )
        return fields, items

    # --- Views ---

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show a saved version next to the object as it is now; POST restores its content."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(
                f"No {self.model._meta.verbose_name} with this id: a deleted one is brought "
                "back from “Recover deleted”."
            )
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = self.version_of_object(str(obj.pk), version_id)
        rows, item_rows = self.differences(request, obj, version)
        may_restore = self.may_restore(request, obj)
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied
            try:
                outcome = services.version_restore(
                    obj=obj,
                    version=version,
                    fields=self.restorable_fields(request, obj),
                    by=request.user,
                    seen_version=request.POST.get("seen_version"),
                    comment=request.POST.get("comment", ""),
                )
            except (ValidationError, RevertError) as error:
                self.message_user(request, " ".join(error_messages(error)), messages.ERROR)
                return HttpResponseRedirect(request.path)
            for note in outcome:
                self.message_user(request, note)
            return HttpResponseRedirect(self.history_change_url(obj))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "version": version,
            "title": f"Saved version of {obj}",
            "rows": rows,
            "item_rows": item_rows,
            "may_restore": may_restore,
            "is_workflow_model": self.is_workflow_model(),
            "is_live": self.is_workflow_model() and obj.status in LIVE_STATUSES,
            "seen_version": getattr(obj, "lock_version", ""),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.revision_form_template, context)

    def recover_view(self, request, version_id, extra_context=None):
        """Show a deleted object's saved version; POST brings it back (stories: as a draft)."""
        if not self.may_recover(request):
            raise PermissionDenied
        version = self.version_of_deleted_object(version_id)
        exists = self.model._base_manager.filter(pk=version.object_id).exists()
        if request.method == "POST" and not exists:
            try:
                obj, outcome = services.version_recover(
                    model=self.model,
                    version=version,
                    fields=self.restorable_fields(request),
                    by=request.user,
                )
            except (ValidationError, RevertError) as error:
                self.message_user(request, " ".join(error_messages(error)), messages.ERROR)
                return HttpResponseRedirect(request.path)
            for note in outcome:
                self.message_user(request, note)
            return HttpResponseRedirect(self.history_change_url(obj))
        if request.method == "POST":
            self.message_user(
                request,
                f"This {self.model._meta.verbose_name} was not deleted: open it and use its "
                "History to restore a saved version.",
                messages.ERROR,
            )
        fields = self.restorable_fields(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "version": version,
            "exists": exists,
            "title": f"Recover {version.object_repr}",
            "rows": [
                (label_of(field), shown(field, version.field_dict.get(field.attname)))
                for field in fields
            ],
            "is_workflow_model": self.is_workflow_model(),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.recover_form_template, context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_recover(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def compare_view(self, request, object_id):
        """Show what differs between two saved versions (by default the two newest)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} with this id.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(obj).select_related("revision__user"))
        by_pk = {str(version.pk): version for version in versions}
        newer = by_pk.get(request.GET.get("to", ""), versions[0] if versions else None)
        older_default = versions[1] if len(versions) > 1 else newer
        older = by_pk.get(request.GET.get("from", ""), older_default)
        if newer is None:
            raise Http404("No saved revisions yet.")
        if (older.revision.date_created, older.pk) > (newer.revision.date_created, newer.pk):
            older, newer = newer, older
        rows, item_rows = self.version_changes(obj, older, newer)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": f"Compare revisions of {obj}",
            "older": older,
            "newer": newer,
            "versions": versions,
            "rows": rows,
            "item_rows": item_rows,
            "caption": f"Changes from {when(older)} to {when(newer)}",
        }
        return TemplateResponse(request, "admin/history/compare.html", context)

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's record of what a save changed, without the form's own bookkeeping inputs."""
        message = super().construct_change_message(request, form, formsets, add)
        for entry in message:
            fields = entry.get("changed", {}).get("fields")
            if fields:
                entry["changed"]["fields"] = [f for f in fields if not INTERNAL_NAME.match(f)]
        return [
            entry
            for entry in message
            if not ("changed" in entry and "fields" in entry["changed"])
            or entry["changed"]["fields"]
        ]

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if is_active():
            set_comment(readable_comment(entry.change_message))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if is_active():
            set_comment(readable_comment(entry.change_message))
        return entry

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {"may_restore": obj is not None and self.may_restore(request, obj)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def history_change_url(self, obj) -> str:
        opts = obj._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )


# A form input's own name, not an editor's word (such as seen_version).
INTERNAL_NAME = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


def _listed(words: list[str]) -> str:
    words = [word[:1].lower() + word[1:] for word in words]
    if len(words) > 1:
        return ", ".join(words[:-1]) + " and " + words[-1]
    return words[0] if words else ""


def readable_comment(comment: str) -> str:
    """A revision's comment in editors' words: Django's structured change messages (as stored
    by admin saves) become sentences; comments written as text are left as they are."""
    try:
        entries = json.loads(comment)
    except (TypeError, ValueError):
        return comment
    if not isinstance(entries, list):
        return comment
    sentences = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        for verb, detail in entry.items():
            detail = detail if isinstance(detail, dict) else {}
            fields = [f for f in detail.get("fields", []) if not INTERNAL_NAME.match(str(f))]
            thing = detail.get("name")
            name = f"{thing} “{detail.get('object', '')}”" if thing else ""
            if verb == "added":
                sentences.append(f"Added {name}." if name else "Created.")
            elif verb == "deleted":
                sentences.append(f"Removed {name}.")
            elif verb == "changed" and fields:
                what = f"the {_listed(fields)}"
                sentences.append(f"Edited {what} of {name}." if name else f"Edited {what}.")
    return " ".join(sentences) or "Saved without changes."


def when(version) -> str:
    return f"{timezone.localtime(version.revision.date_created):%-d %b %Y %H:%M:%S %Z}"


def error_messages(error) -> list[str]:
    return list(getattr(error, "messages", None) or [str(error)])
