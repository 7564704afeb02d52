"""Save an imported digest: a draft round-up with its draft stories, in one transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from organizations.models import Organization
from stories.importer.analysis import DigestAnalysis
from stories.models import Region, RoundUp, RoundUpItem, Status, Story, StoryKind, Topic


@dataclass
class NewOrganization:
    name: str
    acronym: str = ""


@dataclass
class ConfirmedStory:
    lead: bool
    title: str
    summary: str
    body: str
    deadline: datetime.date | None = None
    kind: str = StoryKind.NEWS
    source_url: str = ""
    organizations: list[str] = field(default_factory=list)  # slugs
    new_organizations: list[NewOrganization] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # organization slug -> name to learn
    places: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)


@dataclass
class ConfirmedDigest:
    number: int
    title: str
    introduction: str
    stories: list[ConfirmedStory]


def next_issue_number() -> int:
    return (RoundUp.objects.aggregate(Max("number"))["number__max"] or 0) + 1


def confirmed_defaults(analysis: DigestAnalysis, *, number: int | None = None) -> ConfirmedDigest:
    """The digest as saved when every suggestion at or above the threshold is accepted."""
    return ConfirmedDigest(
        number=number or next_issue_number(),
        title=analysis.title,
        introduction=analysis.introduction,
        stories=[
            ConfirmedStory(
                lead=story.lead,
                title=story.title,
                summary=story.summary,
                body=story.body,
                deadline=story.deadline,
                kind=story.kind,
                source_url=story.source_url,
                organizations=[s.slug for s in story.organizations if s.accepted and s.slug],
                new_organizations=[
                    NewOrganization(s.name, s.acronym)
                    for s in story.organizations
                    if s.accepted and s.new
                ],
                aliases={s.slug: s.alias for s in story.organizations if s.accepted and s.alias},
                places=[s.slug for s in story.places if s.accepted],
                themes=[s.slug for s in story.themes if s.accepted],
            )
            for story in analysis.stories
        ],
    )


def _unique_slug(model, text: str, max_length: int = 255) -> str:
    base = slugify(text)[: max_length - 4].strip("-") or "item"
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _check_permissions(by, digest: ConfirmedDigest) -> None:
    needed = ["stories.add_roundup", "stories.add_story"]
    if any(story.new_organizations for story in digest.stories):
        needed.append("organizations.add_organization")
    if any(story.aliases for story in digest.stories):
        needed.append("organizations.change_organization")
    if by is None or not by.is_active or not by.has_perms(needed):
        raise PermissionDenied("You may not import a digest with these changes.")


def _organization_for(new: NewOrganization, created: dict[str, Organization], by) -> Organization:
    """The organization to link for a detected name: one made earlier in this import, one that
    exists by now under that name or acronym, or a new one."""
    key = new.name.casefold()
    if key in created:
        return created[key]
    match = Q(name__iexact=new.name) | (Q(acronym=new.acronym) if new.acronym else Q(pk__in=[]))
    organization = Organization.objects.filter(match).order_by("pk").first()
    if organization is None:
        # An editor's import proposes it; a moderator's import approves it too.
        organization = Organization.objects.create(
            name=new.name,
            acronym=new.acronym,
            slug=_unique_slug(Organization, new.acronym or new.name),
            approved=Organization.may_approve(by),
        )
    created[key] = organization
    return organization


@transaction.atomic
def digest_import(*, digest: ConfirmedDigest, by) -> RoundUp:
    """Create a draft round-up and its draft stories, in order, authored by the importing
    editor; new organizations and learnt aliases are saved with them, or nothing is."""
    _check_permissions(by, digest)
    if not digest.stories:
        raise ValidationError("There is no story to import.", code="no_stories")
    if RoundUp.objects.filter(number=digest.number).exists():
        raise ValidationError(
            "Issue number %(number)s is taken: choose another.",
            code="number_taken",
            params={"number": digest.number},
        )
    created: dict[str, Organization] = {}
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment("Imported from a pasted digest.")
        stories = [_create_story(story, by=by, created=created) for story in digest.stories]
        lead = next(
            (story for story, confirmed in zip(stories, digest.stories, strict=True)
             if confirmed.lead),
            None,
        )  # fmt: skip
        try:
            with transaction.atomic():
                roundup = RoundUp.objects.create(
                    number=digest.number,
                    title=digest.title,
                    slug=_unique_slug(RoundUp, f"{digest.number} {digest.title}"),
                    introduction=digest.introduction,
                    lead_story=lead,
                    status=Status.DRAFT,
                    author=by,
                )
        except IntegrityError:
            # Another import took the number between the check and the save.
            raise ValidationError(
                "Issue number %(number)s is taken: choose another.",
                code="number_taken",
                params={"number": digest.number},
            ) from None
        RoundUpItem.objects.bulk_create(
            RoundUpItem(roundup=roundup, story=story, position=position)
            for position, story in enumerate((s for s in stories if s is not lead), start=1)
        )
    return roundup


def _create_story(confirmed: ConfirmedStory, *, by, created) -> Story:
    story = Story.objects.create(
        title=confirmed.title,
        slug=_unique_slug(Story, confirmed.title),
        summary=confirmed.summary,
        body=confirmed.body,
        source_url=confirmed.source_url,
        deadline=confirmed.deadline,
        kind=confirmed.kind,
        status=Status.DRAFT,
        author=by,
    )
    organizations = list(Organization.objects.filter(slug__in=confirmed.organizations))
    for slug, alias in confirmed.aliases.items():
        organization = next((o for o in organizations if o.slug == slug), None)
        # An alias is shown to readers: learnt only where this user may change the organization.
        if (
            organization is not None
            and organization.is_editable_by(by)
            and organization.add_alias(alias)
        ):
            organization.save(update_fields=["aliases", "updated_at"])
    organizations += [_organization_for(new, created, by) for new in confirmed.new_organizations]
    story.organizations.set(organizations)
    story.regions.set(Region.objects.filter(slug__in=confirmed.places))
    story.topics.set(Topic.objects.filter(slug__in=confirmed.themes))
    return story
