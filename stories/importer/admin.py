"""The round-up admin's "Import a digest": paste, review, confirm."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from stories.importer.analysis import DigestAnalysis, analyse
from stories.importer.forms import (
    DigestReviewForm,
    PasteForm,
    StoryReviewForm,
    confirmed_digest,
    organization_choices,
)
from stories.importer.services import digest_import
from stories.importer.text import DigestTextError


class DigestImportMixin:
    """For RoundUpAdmin: an "Import a digest" button on the list and the pages behind it."""

    change_list_template = "admin/stories/roundup/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="stories_roundup_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(["stories.add_roundup", "stories.add_story"])

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        step = request.POST.get("step", "") if request.method == "POST" else ""
        if step == "review":
            paste = PasteForm(request.POST)
            analysis = None
            if paste.is_valid():
                try:
                    analysis = analyse(paste.cleaned_data["text"])
                except DigestTextError as error:
                    paste.add_error("text", forms.ValidationError(error.message, code=error.code))
            if analysis is not None:
                review = DigestReviewForm(
                    initial=DigestReviewForm.initial_for(
                        analysis, paste.cleaned_data["source_url"]
                    ),
                    analysis=analysis,
                )
                return self.render_review(
                    request, analysis, review, self.story_forms(request, analysis)
                )
            return self.render_paste(request, paste)
        if step in ("confirm", "edit"):
            return self.confirm(request, edit=step == "edit")
        return self.render_paste(request, PasteForm())

    def story_forms(self, request, analysis: DigestAnalysis, data=None) -> list[StoryReviewForm]:
        can_create = request.user.has_perm("organizations.add_organization")
        choices = organization_choices()
        return [
            StoryReviewForm(
                data,
                prefix=f"story-{index}",
                story=story,
                organization_choices=choices,
                can_create=can_create,
                initial=None if data else StoryReviewForm.initial_for(story, can_create),
            )
            for index, story in enumerate(analysis.stories)
        ]

    def confirm(self, request: HttpRequest, *, edit: bool) -> HttpResponse:
        try:
            analysis = analyse(request.POST.get("text", ""))
        except DigestTextError as error:
            paste = PasteForm(request.POST)
            paste.is_valid()
            messages.error(request, error.message)
            return self.render_paste(request, paste)
        if edit:
            paste = PasteForm(
                initial={"text": analysis.text, "source_url": request.POST.get("source_url", "")}
            )
            return self.render_paste(request, paste)
        review = DigestReviewForm(request.POST, analysis=analysis)
        stories = self.story_forms(request, analysis, data=request.POST)
        valid = review.is_valid() & all([form.is_valid() for form in stories])
        if valid:
            lead = review.cleaned_data.get("lead")
            if lead is not None and not stories[lead].cleaned_data.get("include"):
                review.add_error("lead", "The lead story must be one of the stories imported.")
                valid = False
            elif not any(form.cleaned_data.get("include") for form in stories):
                review.add_error(None, "Choose at least one story to import.")
                valid = False
        if valid:
            try:
                roundup = digest_import(digest=confirmed_digest(review, stories), by=request.user)
            except ValidationError as error:
                review.add_error("number" if error.code == "number_taken" else None, error)
            else:
                count = sum(1 for form in stories if form.cleaned_data.get("include"))
                self.message_user(
                    request,
                    f"Imported “{roundup.title}” as a draft round-up with {count} draft "
                    "stories. Check them, then submit the round-up for review.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:stories_roundup_change", args=[roundup.pk])
                )
        return self.render_review(request, analysis, review, stories)

    def render_paste(self, request, form: PasteForm) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a digest",
            "form": form,
        }
        return TemplateResponse(request, "admin/stories/roundup/import_paste.html", context)

    def render_review(self, request, analysis, review, stories) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Review the imported digest",
            "analysis": analysis,
            "review": review,
            "stories": stories,
            "has_errors": bool(review.errors) or any(form.errors for form in stories),
            "can_create_organizations": request.user.has_perm("organizations.add_organization"),
        }
        return TemplateResponse(request, "admin/stories/roundup/import_review.html", context)
