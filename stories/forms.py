"""Admin forms: nobody's save silently replaces a version they never saw."""

from __future__ import annotations

import reversion
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator
from reversion.models import Version
from taggit.models import Tag


def time_zone_note() -> str:
    return f"Times are in {timezone.get_current_timezone_name()}."


def comparable(field, value):
    """A field's value in a form that compares across saved versions (pks for relations)."""
    if isinstance(field, models.ManyToManyField):
        return sorted(getattr(item, "pk", item) for item in value or [])
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value) or "")
    return value


def shown(field, value) -> str:
    if isinstance(field, models.ManyToManyField):
        names = field.related_model._base_manager.filter(pk__in=value)
        return ", ".join(str(name) for name in names) or "(none)"
    if isinstance(field, models.ForeignKey):
        if value is None:
            return "(none)"
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    if value in (None, ""):
        return "(empty)"
    if hasattr(value, "tzinfo"):
        return f"{timezone.localtime(value):%-d %b %Y %H:%M %Z}"
    return Truncator(str(value)).chars(120)


class VersionField(forms.IntegerField):
    """The version a page showed: bookkeeping, never a change the history should name."""

    widget = forms.HiddenInput

    def to_python(self, value):
        # Anything but a whole number says no version at all: clean() then refuses the save.
        try:
            return super().to_python(value)
        except ValidationError:
            return None

    def has_changed(self, initial, data) -> bool:
        return False


class ConcurrentEditForm(forms.ModelForm):
    """Carries the version the editor opened; refuses the save if someone saved since, and
    refuses it too if the page did not say which version it showed (the check fails closed)."""

    # Not required at field level: a missing version gets its own message from clean().
    seen_version = VersionField(required=False)
    # Why a workflow step pressed with this form was refused (the admin sets it, then
    # validates the form again so the page shows the input with the reason).
    workflow_refusal: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.lock_version
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.help_text = f"{field.help_text} {time_zone_note()}".strip()

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        # A browser never sends a chosen file twice, and nothing uploaded with an invalid form is
        # stored: say so next to the file input instead of letting the file silently go.
        for name, field in self.fields.items():
            if (
                isinstance(field, forms.FileField)
                and self.files.get(self.add_prefix(name))
                and name not in self._errors
            ):
                self.add_error(
                    name,
                    ValidationError(
                        "Choose the file again: it was not stored, because of the other errors "
                        "on this page.",
                        code="upload_not_kept",
                    ),
                )

    def clean_tags(self):
        # taggit does not check its own column width; PostgreSQL would refuse the insert.
        tags = self.cleaned_data.get("tags") or []
        limit = Tag._meta.get_field("name").max_length
        too_long = [tag for tag in tags if len(tag) > limit]
        if too_long:
            raise ValidationError(
                "A tag can be at most %(limit)s characters long; shorten “%(tag)s”.",
                code="tag_too_long",
                params={"limit": limit, "tag": Truncator(too_long[0]).chars(40)},
            )
        return tags

    def clean(self):
        cleaned_data = super().clean()
        if self.workflow_refusal:
            self.add_error(None, ValidationError(self.workflow_refusal, code="step_refused"))
        if self.instance.pk is None:
            return cleaned_data
        seen = cleaned_data.get("seen_version")
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            # Hold the row until this save commits so nobody slips in between check and write.
            rows = rows.select_for_update()
        current = rows.values_list("lock_version", flat=True).first()
        if current is None or current == seen:
            return cleaned_data
        # Let a deliberate second save go through: the form now knows the newer version.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = current
        if seen is None:
            raise ValidationError(self.unknown_version_message(), code="version_missing")
        raise ValidationError(self.conflict_message(seen), code="edit_conflict")

    def unknown_version_message(self) -> str:
        name = self.instance._meta.verbose_name
        return (
            f"Nothing was saved: the page did not say which version of this {name} it showed, "
            "so your save could replace someone else's without anyone knowing. The saved "
            f"version differs from yours in: {self.differences(None)}. Your input is kept "
            "below: compare it, then save again to replace the saved version, or reload the "
            "page to start from it."
        )

    def conflict_message(self, seen: int) -> str:
        name = self.instance._meta.verbose_name
        versions = list(Version.objects.get_for_object(self.instance).select_related("revision"))
        seen_data = next(
            (v.field_dict for v in versions if v.field_dict.get("lock_version") == seen), None
        )
        latest = versions[0].revision if versions else None
        who = ""
        if latest is not None:
            by = latest.user.get_username() if latest.user else "someone"
            who = f" ({by}, {timezone.localtime(latest.date_created):%-d %b %H:%M %Z})"
        changed = self.differences(seen_data)
        what = "They changed" if seen_data is not None else "Their version differs from yours in"
        return (
            f"Someone else saved this {name} while you were editing{who}. {what}: "
            f"{changed}. Your input is kept below: compare it, then save again to replace "
            "their version, or reload the page to start from theirs."
        )

    def differences(self, seen_data: dict | None) -> str:
        """The fields of this form the saved version changed since seen_data (or, without it,
        where it differs from the input), in editors' words."""
        fresh = type(self.instance)._base_manager.get(pk=self.instance.pk)
        changes = []
        for name_, form_field in self.fields.items():
            try:
                field = fresh._meta.get_field(name_)
            except FieldDoesNotExist:  # form-only fields such as seen_version
                continue
            if field.many_to_many and not isinstance(field, models.ManyToManyField):
                continue  # tags: not part of a saved version
            now = comparable(field, field.value_from_object(fresh))
            if seen_data is not None:
                before = comparable(field, seen_data.get(field.attname, seen_data.get(name_)))
                differs = before != now
            else:
                differs = comparable(field, self.cleaned_data.get(name_)) != now
            if differs:
                changes.append(f"{form_field.label}: now “{shown(field, now)}”")
        return "; ".join(changes) if changes else "fields outside this form"


class RoundUpItemFormSet(forms.BaseInlineFormSet):
    """A round-up's items: none of them may be its lead story, shown above them already."""

    def clean(self):
        super().clean()
        lead = self.instance.lead_story
        if lead is None:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if form.cleaned_data.get("story") == lead:
                raise ValidationError(
                    "“%(story)s” is this round-up's lead story, so it cannot also be one of its "
                    "items. Remove the item or choose another lead story.",
                    code="lead_story_is_an_item",
                    params={"story": lead},
                )


def keep_baseline(obj) -> None:
    """Make sure the version an editor opens is stored, so a later conflict can name changes."""
    latest = Version.objects.get_for_object(obj).first()
    if latest is None or latest.field_dict.get("lock_version") != obj.lock_version:
        with reversion.create_revision():
            reversion.add_to_revision(obj)
            reversion.set_comment("Version as found (saved outside the admin).")
