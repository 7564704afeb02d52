"""The admin of a live item: saving proposes changes, which are reviewed before readers see them.

`PendingChangesAdminMixin` goes on the story and round-up admins. On a published or scheduled
item the change form opens on the proposed changes if there are any, and saving it stores them
as the item's PendingRevision (stories.services.revision_save) instead of writing the live row;
the round-up's items travel with them. The page shows a banner, a word diff of the proposed
changes against what is live, and the buttons of the steps the person may take.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import HttpResponseRedirect
from django.utils import timezone
from taggit.models import Tag

from stories import services
from stories.cache import bump_content_version_now_and_on_commit
from stories.models import PENDING_STEPS, ChangeKind, PendingRevision, content_fields

# Fields of a live item a moderator changes on the live row at once: when it is published or taken
# down is a workflow decision, not content to review.
TIMING_FIELDS = ("published_at", "unpublish_at")

# What a moderator may tick on a live item that involves nobody vulnerable.
MINOR_LABEL = "Minor change (a typo, a broken link): publish at once, without a note to readers"


def initial_from(revision: PendingRevision) -> dict:
    """The proposed content as a change form's initial values."""
    item = revision.content_object
    values = revision.values()
    initial = {}
    for field in content_fields(type(item)):
        if field.name not in values:
            continue
        value = values[field.name]
        if field.name == "tags":
            value = [Tag(name=name) for name in value]
        elif hasattr(field, "storage"):
            value = FieldFile(item, field, value) if value else None
        initial[field.name] = value
    return initial


def pending_items(obj) -> list[dict] | None:
    """A live round-up's proposed items (story, position, blurb), if it has proposed changes."""
    live = obj is not None and obj.pk is not None and obj.is_live()
    revision = obj.pending_revision() if live else None
    if revision is None or "items" not in revision.content:
        return None
    return [
        {"story": item["story"], "position": item["position"], "blurb": item["blurb"]}
        for item in revision.content["items"]
    ]


class PendingChangesForm(forms.ModelForm):
    """Mixed into the change form of a live item: which proposal the page showed, and the
    moderator's "minor change" box."""

    may_retime = False
    pending_version = forms.CharField(widget=forms.HiddenInput, required=False)
    minor_change = forms.BooleanField(label=MINOR_LABEL, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revision = self.instance.pending_revision() if self.instance.pk else None
        self.revision = revision
        if revision is not None:
            self.initial.update(initial_from(revision))
        self.fields["pending_version"].initial = str(revision.lock_version) if revision else "none"

    def clean(self):
        cleaned_data = super().clean()
        revision = PendingRevision.objects.for_item(self.instance).first()
        seen = cleaned_data.get("pending_version") or ""
        current = str(revision.lock_version) if revision else "none"
        if seen != current:
            raise ValidationError(
                "Someone else changed the proposed changes to this item since you opened the "
                "page, or the page did not say which version it showed; nothing was saved. Your "
                "input is below: copy what you need, reload, and apply it again.",
                code="stale_proposal",
            )
        timing = [name for name in TIMING_FIELDS if name in self.changed_data]
        if timing and not self.may_retime:
            raise ValidationError(
                "Only a moderator can change when a live item is published or taken down; "
                "nothing was saved.",
                code="retime_live",
            )
        in_review = revision is not None and revision.status not in ("draft", "changes_requested")
        if cleaned_data.get("minor_change") and in_review:
            raise ValidationError(
                "These changes are already in review: publish them with their review, not as a "
                "minor change.",
                code="minor_in_review",
            )
        return cleaned_data


class PendingChangesAdminMixin:
    """Saving a live item's change form proposes changes; see the module docstring."""

    def live(self, obj) -> bool:
        return obj is not None and obj.pk is not None and obj.is_live()

    def may_publish_minor(self, request, obj) -> bool:
        return request.user.has_perm(obj.permission("publish")) and not getattr(
            obj, "involves_vulnerable_person", False
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.live(obj):
            may_retime = request.user.has_perm(obj.permission("publish"))
            kwargs["form"] = type(
                "LiveItemForm", (PendingChangesForm, self.form), {"may_retime": may_retime}
            )
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.live(obj) or not self.has_change_permission(request, obj):
            return fieldsets
        fields = ["pending_version"]
        if self.may_publish_minor(request, obj):
            fields.append("minor_change")
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], *fields]}), *rest]

    def pending_values(self, form, formsets) -> dict:
        """The content the form and its inlines hold, by model field name."""
        names = {field.name for field in content_fields(self.model)}
        values = {name: value for name, value in form.cleaned_data.items() if name in names}
        for formset in formsets:
            if formset.model.__name__ != "RoundUpItem":
                continue
            items = [
                item.cleaned_data
                for item in formset.forms
                if item.cleaned_data
                and not item.cleaned_data.get("DELETE")
                and item.cleaned_data.get("story")
            ]
            items.sort(key=lambda data: data.get("position") or 0)
            values["items"] = [
                {"story": data["story"], "position": data.get("position") or 0,
                 "blurb": data.get("blurb", "")}
                for data in items
            ]  # fmt: skip
        return values

    def save_model(self, request, obj, form, change):
        if change and self.live(type(obj)._base_manager.get(pk=obj.pk)):
            request._proposing_changes = True  # written in save_related, with the items
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "_proposing_changes", False):
            return super().save_related(request, form, formsets, change)
        obj = form.instance
        timing = {
            name: form.cleaned_data[name] for name in TIMING_FIELDS if name in form.changed_data
        }
        if timing:
            # A moderator re-timing a live item: the live row, at once (checked in the form).
            type(obj)._base_manager.filter(pk=obj.pk).update(**timing)
            bump_content_version_now_and_on_commit()
        values = self.pending_values(form, formsets)
        seen = form.cleaned_data.get("pending_version")
        try:
            if form.cleaned_data.get("minor_change"):
                if not self.may_publish_minor(request, obj):
                    raise PermissionDenied("Only moderators can publish a minor change at once.")
                outcome = services.revision_publish_minor(
                    item=obj, by=request.user, values=values, seen=seen
                )
                request._proposal_message = (
                    "Nothing differs from the live version."
                    if outcome is None
                    else "The minor change is live, recorded as minor in the history."
                )
            else:
                revision = services.revision_save(
                    item=obj, values=values, by=request.user, seen=seen
                )
                request._proposal_message = (
                    "Nothing differs from the live version: no changes were proposed."
                    if revision is None
                    else "Your changes are saved as proposed changes. Readers keep seeing the "
                    "live version until the changes are reviewed and published."
                )
        except (ValidationError, PermissionDenied) as error:
            request._proposal_message = " ".join(getattr(error, "messages", [str(error)]))
            request._proposal_failed = True

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_proposing_changes", False):
            # Nothing of the live item was saved; the formsets were only read.
            return "Proposed changes saved; the live version is unchanged."
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if not getattr(request, "_proposing_changes", False):
            return super().response_change(request, obj)
        failed = getattr(request, "_proposal_failed", False)
        self.message_user(
            request, request._proposal_message, messages.ERROR if failed else messages.SUCCESS
        )
        return HttpResponseRedirect(request.path)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A round-up's inline opens on the proposed items, as new rows, when there are some."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        items = self.pending_items(obj)
        if items is not None and inline.model.__name__ == "RoundUpItem":
            kwargs["queryset"] = inline.model.objects.none()
            kwargs["initial"] = items
        return kwargs

    def pending_items(self, obj) -> list[dict] | None:
        return pending_items(obj)

    # --- The banner, the diff and the steps ---

    def pending_context(self, request, obj) -> dict:
        revision = obj.pending_revision() if self.live(obj) else None
        if revision is None:
            return {"pending": None, "live_item": self.live(obj)}
        from stories.diff import compare_fields, compare_items, field_values

        values = revision.values()
        after = {}
        for field in content_fields(type(obj)):
            if field.name in values:
                after[field.attname if field.many_to_one else field.name] = values[field.name]
        before = field_values(obj)
        changes = compare_fields(type(obj), before, after, fields=list(after))
        item_changes = (
            compare_items(obj.item_values(), values["items"]) if "items" in values else []
        )
        return {
            "pending": revision,
            "live_item": True,
            "proposed_preview_url": f"{obj.get_absolute_url()}?preview=1&proposed=1",
            "pending_changes": changes,
            "pending_item_changes": item_changes,
            "pending_steps": [
                (step, PENDING_STEPS[step]) for step in revision.available_steps(request.user)
            ],
            "can_publish_changes": revision.may(request.user, "changes_publish"),
            "change_kinds": ChangeKind.choices,
            "pending_needs_identity": revision.needs_identity_confirmation()
            and not revision.identity_confirmed(),
            "pending_transitions": obj.transitions().filter(pending_changes=True)[:1],
            "time_zone": timezone.get_current_timezone_name(),
        }
