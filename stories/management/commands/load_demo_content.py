"""Load the demo content in stories/data/demo.json: one real digest, retold."""

from __future__ import annotations

import datetime
import io
import json
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from organizations.models import Organization
from stories import notifications
from stories.models import Region, RoundUp, RoundUpItem, Status, Story, Topic

ACCOUNTS = [
    # username, group, is_superuser
    ("editor", "Editors", False),
    ("moderator", "Moderators", False),
    ("admin", None, True),
]
DEMO_DATA = Path(__file__).resolve().parents[2] / "data" / "demo.json"
PUBLICATION_HOUR = 9
ILLUSTRATED_STORIES = 6
PALETTE = [(11, 83, 148), (138, 59, 0), (46, 125, 50), (94, 53, 177), (0, 105, 92), (173, 20, 87)]


def load_data() -> dict:
    return json.loads(DEMO_DATA.read_text(encoding="utf-8"))


def publication_time(value: str) -> datetime.datetime:
    """The data file's local date and time, never later than now."""
    moment = timezone.make_aware(datetime.datetime.fromisoformat(value))
    return min(moment, timezone.now())


def tomorrow_morning() -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(PUBLICATION_HOUR)))


def optional_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def illustration(seed: int) -> ContentFile:
    """A simple abstract picture, so the demo shows images and their renditions."""
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), PALETTE[seed % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    centre_x, centre_y = width // 3 + (seed * 97) % (width // 3), height // 2
    for ring in range(6):
        radius = 300 - ring * 45
        colour = PALETTE[(seed + ring + 1) % len(PALETTE)]
        box = (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)
        draw.ellipse(box, outline=colour, width=18)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"illustration-{seed}.jpg")


class Command(BaseCommand):
    help = "Load demo stories, digests, organizations and accounts (idempotent)."

    def handle(self, *args, **options):
        data = load_data()
        with transaction.atomic(), notifications.silenced():
            author, moderator = self.create_accounts()
            organizations = self.load_organizations(data["organizations"])
            stories = self.load_stories(data, author, moderator, organizations)
            self.load_roundups(data["roundups"], author, stories)
        self.update_search_index()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {Story.objects.count()} stories, "
                f"{RoundUp.objects.count()} digests, {Organization.objects.count()} organizations."
            )
        )

    def create_accounts(self):
        User = get_user_model()
        for username, group_name, is_superuser in ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                email=f"{username}@newsroom.invalid",
                password=password,
                is_staff=True,
                is_superuser=is_superuser,
            )
            if group_name:
                user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            self.stdout.write(f"Created account {username!r} with password: {password}")
        return User.objects.get(username="editor"), User.objects.get(username="moderator")

    def load_organizations(self, entries: list[dict]) -> dict[str, Organization]:
        regions = {region.slug: region for region in Region.objects.countries()}
        organizations = {}
        for entry in entries:
            organizations[entry["slug"]], _ = Organization.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "name": entry["name"],
                    "acronym": entry["acronym"],
                    "kind": entry["kind"],
                    "website": entry["website"],
                    "description": entry["description"],
                    "headquarters": regions.get(entry["headquarters"]),
                    "aliases": "\n".join(entry["aliases"]),
                    "approved": True,  # the newsroom's own list, as a moderator approved it
                },
            )
        for entry in entries:
            organization = organizations[entry["slug"]]
            if entry["parent"] and organization.parent_id is None:
                organization.parent = organizations[entry["parent"]]
                organization.save(update_fields=["parent"])
        return organizations

    def load_stories(self, data: dict, author, moderator, organizations) -> dict[str, Story]:
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        regions = {region.slug: region for region in Region.objects.all()}
        stories = {}
        for index, entry in enumerate(data["stories"]):
            story = Story.objects.filter(slug=entry["slug"]).first()
            if story is None:
                story = Story(
                    slug=entry["slug"],
                    title=entry["title"],
                    summary=entry["summary"],
                    body=entry["body"],
                    source_name=entry["source_name"],
                    source_url=entry["source_url"],
                    event_date=optional_date(entry["event_date"]),
                    deadline=optional_date(entry["deadline"]),
                    kind=entry.get("kind", Story.Kind.NEWS),
                    content_note=entry["content_note"],
                    involves_vulnerable_person=entry["involves_vulnerable_person"],
                    author=author,
                )
                queued = data["queued_stories"].get(entry["slug"])
                through_workflow = queued or entry["involves_vulnerable_person"]
                if not through_workflow:
                    story.status = Status.PUBLISHED
                    story.published_at = publication_time(entry["published_at"])
                if index < ILLUSTRATED_STORIES:
                    story.image = illustration(index)
                    story.image_alt = "Abstract illustration of overlapping coloured rings"
                    story.image_credit = "Illustration: Newsroom"
                story.save()
                story.topics.set([topics[slug] for slug in entry["topics"]])
                story.regions.set([regions[slug] for slug in entry["regions"]])
                story.organizations.set([organizations[slug] for slug in entry["organizations"]])
                story.tags.set(entry["tags"])
                if through_workflow:
                    self.follow_workflow(story, entry, queued or {}, author, moderator)
            stories[entry["slug"]] = story
        return stories

    def follow_workflow(self, story, entry, queued: dict, author, moderator) -> None:
        """Take a story through the steps a real one takes, up to the state the demo wants."""
        state = queued.get("state", Status.PUBLISHED)
        story.submit(author)
        if state == Status.IN_REVIEW:
            return
        if state == Status.CHANGES_REQUESTED:
            story.request_changes(moderator, comment=queued["comment"])
            return
        if story.involves_vulnerable_person:
            story.confirm_identity_protection(moderator)
        story.approve(moderator)
        if state == Status.APPROVED:
            return
        if state == Status.SCHEDULED:
            at = tomorrow_morning()
        else:
            at = publication_time(entry["published_at"])
        story.publish(moderator, at=at)

    def load_roundups(self, entries: list[dict], author, stories: dict[str, Story]) -> None:
        for entry in entries:
            if RoundUp.objects.filter(number=entry["number"]).exists():
                continue
            queued = entry["state"] != Status.PUBLISHED
            roundup = RoundUp.objects.create(
                number=entry["number"],
                title=entry["title"],
                slug=entry["slug"],
                introduction=entry["introduction"],
                lead_story=stories[entry["lead"]],
                status=Status.DRAFT if queued else Status.PUBLISHED,
                published_at=None if queued else publication_time(entry["published_at"]),
                author=author,
            )
            RoundUpItem.objects.bulk_create(
                RoundUpItem(roundup=roundup, story=stories[slug], position=position, blurb=blurb)
                for position, (slug, blurb) in enumerate(entry["items"], start=1)
            )
            if entry["state"] == Status.IN_REVIEW:
                # Its stories are already at their own steps (see "queued_stories").
                roundup.submit(author)

    def update_search_index(self) -> None:
        pass
