"""The admin's import forms: the pasted text, then the review of what was read from it."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join

from organizations.models import Organization
from stories.importer.analysis import DigestAnalysis, StoryAnalysis
from stories.importer.services import (
    ConfirmedDigest,
    ConfirmedStory,
    NewOrganization,
    next_issue_number,
)
from stories.importer.suggestions import Suggestion
from stories.importer.text import MAX_CHARACTERS, DigestTextError, clean_text
from stories.models import RoundUp, StoryKind, validate_plausible_date


class PastedTextField(forms.CharField):
    """Pasted text keeps everything but NUL characters, which it drops instead of refusing the
    paste: word processors and PDFs leave them in."""

    def to_python(self, value):
        return super().to_python(value.replace("\x00", "") if isinstance(value, str) else value)


class PasteForm(forms.Form):
    text = PastedTextField(
        label="Digest text",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100, "spellcheck": "false"}),
        help_text=(
            f"Paste the whole digest: its headline, introduction, lead story and items, as plain "
            f"text or HTML (from an email, a document or a web page). Up to "
            f"{MAX_CHARACTERS:,} characters. Nothing is saved until you confirm on the next page."
        ),
    )
    source_url = forms.URLField(
        label="Source link",
        required=False,
        assume_scheme="https",
        help_text="Optional: where the digest was published. Stories without a link of their "
        "own get this one as their source.",
    )

    def clean_text(self) -> str:
        try:
            return clean_text(self.cleaned_data["text"])
        except DigestTextError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


def _percent(confidence: float) -> str:
    return f"{round(confidence * 100)}%"


def suggestion_label(suggestion: Suggestion, story: StoryAnalysis):
    """The name, how sure the import is, and the words that suggested it, highlighted."""
    snippets = format_html_join(
        " ",
        '<span class="trigger">{}</span>',
        ((story.snippet(span),) for span in suggestion.spans[:3]),
    )
    return format_html(
        '{} <span class="confidence">{} sure</span>{} <span class="triggers">{}</span>',
        suggestion.label or suggestion.name,
        _percent(suggestion.confidence),
        " · new" if suggestion.new else "",
        snippets,
    )


class DigestReviewForm(forms.Form):
    # The cleaned text travels with the review, so that nothing depends on server-side state.
    text = PastedTextField(widget=forms.HiddenInput, strip=False)
    source_url = forms.URLField(widget=forms.HiddenInput, required=False, assume_scheme="https")
    number = forms.IntegerField(label="Issue number", min_value=1, max_value=2_147_483_647)
    title = forms.CharField(label="Round-up title", max_length=255)
    introduction = forms.CharField(
        label="Introduction", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead = forms.TypedChoiceField(
        label="Lead story", coerce=int, empty_value=None, required=False,
        help_text="The story the round-up opens with; the others become its items, in order.",
    )  # fmt: skip

    def __init__(self, *args, analysis: DigestAnalysis | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        stories = analysis.stories if analysis else []
        self.fields["lead"].choices = [("", "No lead story: all are items")] + [
            (str(index), f"{index + 1}. {story.title}") for index, story in enumerate(stories)
        ]

    def clean_text(self) -> str:
        try:
            return clean_text(self.cleaned_data["text"])
        except DigestTextError as error:
            raise forms.ValidationError(error.message, code=error.code) from None

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        if RoundUp.objects.filter(number=number).exists():
            raise forms.ValidationError(
                "Issue number %(number)s is taken: choose another.",
                code="number_taken",
                params={"number": number},
            )
        return number

    @classmethod
    def initial_for(cls, analysis: DigestAnalysis, source_url: str) -> dict:
        lead = next((i for i, story in enumerate(analysis.stories) if story.lead), None)
        return {
            "text": analysis.text,
            "source_url": source_url,
            "number": next_issue_number(),
            "title": analysis.title[:255],
            "introduction": analysis.introduction,
            "lead": "" if lead is None else str(lead),
        }


class StoryReviewForm(forms.Form):
    """One story: its text, and the suggestions to accept (ticked) or reject."""

    include = forms.BooleanField(label="Import this story", required=False, initial=True)
    title = forms.CharField(max_length=255, required=False)
    summary = forms.CharField(
        max_length=600, required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 90})
    )
    body = forms.CharField(
        required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8, "cols": 90})
    )
    deadline = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_plausible_date],
        help_text="For a call for input: the day contributions close.",
    )  # fmt: skip
    kind = forms.ChoiceField(
        label="Type",
        choices=StoryKind.choices,
        initial=StoryKind.NEWS,
        required=False,  # like the other fields: a story left out is not checked
        help_text="Proposed as a call for input where the text gives a closing date.",
    )
    organizations = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Organizations"
    )
    places = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Places"
    )
    themes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Themes"
    )
    aliases = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Names to remember",
        help_text="Ticked names are added to the organization's aliases, so the next import "
        "finds them.",
    )

    def __init__(self, *args, story: StoryAnalysis, organization_choices, can_create, **kwargs):
        super().__init__(*args, **kwargs)
        self.story = story
        self.new_organizations = [s for s in story.organizations if s.new] if can_create else []
        existing = [s for s in story.organizations if not s.new]
        self.fields["organizations"].choices = [
            (s.slug, suggestion_label(s, story)) for s in existing
        ] + [(f"new-{i}", suggestion_label(s, story)) for i, s in enumerate(self.new_organizations)]
        self.fields["places"].choices = [(s.slug, suggestion_label(s, story)) for s in story.places]
        self.fields["themes"].choices = [(s.slug, suggestion_label(s, story)) for s in story.themes]
        self.fields["aliases"].choices = [
            (s.slug, format_html("“{}” for {}", s.alias, s.label or s.name))
            for s in existing
            if s.alias
        ]
        for index, suggestion in enumerate(self.new_organizations):
            self.fields[f"new-{index}-name"] = forms.CharField(
                label="Name", max_length=255, required=False, initial=suggestion.name
            )
            self.fields[f"new-{index}-acronym"] = forms.CharField(
                label="Acronym", max_length=40, required=False, initial=suggestion.acronym
            )
            self.fields[f"new-{index}-existing"] = forms.TypedChoiceField(
                label="or it is",
                choices=organization_choices,
                required=False,
                help_text="Pick the organization this name belongs to, to link it and remember "
                "the name, instead of creating one.",
            )

    @classmethod
    def initial_for(cls, story: StoryAnalysis, can_create: bool) -> dict:
        new = [s for s in story.organizations if s.new] if can_create else []
        return {
            "include": True,
            "title": story.title[:255],
            "summary": story.summary,
            "body": story.body,
            "deadline": story.deadline,
            "kind": story.kind,
            "organizations": [s.slug for s in story.organizations if s.accepted and not s.new]
            + [f"new-{i}" for i, s in enumerate(new) if s.accepted],
            "places": [s.slug for s in story.places if s.accepted],
            "themes": [s.slug for s in story.themes if s.accepted],
            "aliases": [s.slug for s in story.organizations if s.alias and s.accepted],
        }

    @property
    def deadline_note(self):
        if self.story.deadline_span is None:
            return ""
        return format_html("Found in: {}", self.story.snippet(self.story.deadline_span))

    def new_organization_rows(self):
        """Each detected new name with its fields, for the template."""
        return [
            (
                suggestion,
                f"new-{index}",
                self[f"new-{index}-name"],
                self[f"new-{index}-acronym"],
                self[f"new-{index}-existing"],
            )
            for index, suggestion in enumerate(self.new_organizations)
        ]

    def clean(self):
        data = super().clean()
        if not data.get("include"):
            return data
        if not (data.get("title") or "").strip():
            self.add_error("title", "A story needs a title.")
        if not (data.get("summary") or "").strip():
            self.add_error("summary", "A story needs a summary.")
        for index in range(len(self.new_organizations)):
            chosen = f"new-{index}" in data.get("organizations", [])
            if (
                chosen
                and not data.get(f"new-{index}-existing")
                and not (data.get(f"new-{index}-name") or "").strip()
            ):
                self.add_error(f"new-{index}-name", "Give the new organization a name.")
        return data

    def confirmed(self, *, lead: bool, source_url: str) -> ConfirmedStory:
        data = self.cleaned_data
        chosen = data["organizations"]
        organizations = [key for key in chosen if not key.startswith("new-")]
        new, aliases = [], {slug: self.story_alias(slug) for slug in data["aliases"]}
        for index, suggestion in enumerate(self.new_organizations):
            if f"new-{index}" not in chosen:
                continue
            existing = data.get(f"new-{index}-existing")
            if existing:
                organizations.append(existing)
                aliases[existing] = suggestion.name
            else:
                new.append(
                    NewOrganization(
                        name=" ".join(data[f"new-{index}-name"].split()),
                        acronym=data[f"new-{index}-acronym"].strip(),
                    )
                )
        return ConfirmedStory(
            lead=lead,
            title=data["title"].strip(),
            summary=data["summary"].strip(),
            body=data["body"],
            deadline=data["deadline"],
            kind=data["kind"] or StoryKind.NEWS,
            source_url=self.story.source_url or source_url,
            organizations=organizations,
            new_organizations=new,
            aliases={slug: alias for slug, alias in aliases.items() if alias},
            places=data["places"],
            themes=data["themes"],
        )

    def story_alias(self, slug: str) -> str:
        return next((s.alias for s in self.story.organizations if s.slug == slug), "")


def organization_choices() -> list[tuple[str, str]]:
    """Every organization once per page, not once per detected name."""
    return [("", "— a new organization —")] + [
        (slug, str(Organization(name=name, acronym=acronym)))
        for slug, name, acronym in Organization.objects.values_list("slug", "name", "acronym")
    ]


def confirmed_digest(review: DigestReviewForm, stories: list[StoryReviewForm]) -> ConfirmedDigest:
    data = review.cleaned_data
    lead = data.get("lead")
    return ConfirmedDigest(
        number=data["number"],
        title=data["title"].strip(),
        introduction=data["introduction"].strip(),
        stories=[
            form.confirmed(lead=index == lead, source_url=data.get("source_url") or "")
            for index, form in enumerate(stories)
            if form.cleaned_data.get("include")
        ],
    )
