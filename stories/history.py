"""The admin's history screens: saved versions shown, restored and recovered like any other change.

django-reversion's own revision and recover views revert a whole revision first and check the
request afterwards, look versions up by id without checking whose they are, and restore workflow
state with the content. These replace them: they look a version up only among this model's
versions of this object (or of a deleted object), check who may act on the object as it is now
before anything is written, show the version without writing anything, and restore content only,
through `stories.services.version_restore` and `version_recover`, which record a workflow step.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from stories import services
from stories.forms import comparable, shown
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

    def differences(self, request, obj, version) -> list[tuple[str, str, str]]:
        """(label, now, in the version) for each field a restore would change."""
        rows = []
        for field in self.restorable_fields(request, obj):
            now = comparable(field, field.value_from_object(obj))
            saved = comparable(field, version.field_dict.get(field.attname))
            if now != saved:
                label = str(field.verbose_name)
                rows.append((label[:1].upper() + label[1:], shown(field, now), shown(field, saved)))
        return rows

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
            "rows": self.differences(request, obj, version),
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
                (
                    str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:],
                    shown(field, comparable(field, version.field_dict.get(field.attname))),
                )
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

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {"may_restore": obj is not None and self.may_restore(request, obj)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def history_change_url(self, obj) -> str:
        opts = obj._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )


def error_messages(error) -> list[str]:
    return list(getattr(error, "messages", None) or [str(error)])
