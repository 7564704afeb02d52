from __future__ import annotations

import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from organizations.models import Organization
from stories.models import Region, RoundUp, RoundUpItem, Status, Story, Topic


def image_file(name: str = "photo.jpg", size=(800, 600), image_format: str = "JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 150)).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda topic: topic.name.lower().replace(" ", "-"))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda org: org.name.lower().replace(" ", "-"))
    kind = Organization.Kind.NGO
    approved = True  # as a moderator left it; an editor's proposal: approved=False


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-number-{n}")
    summary = factory.Faker("sentence", nb_words=20)
    body = factory.Faker("paragraph", nb_sentences=6)
    source_name = "Example source"
    source_url = "https://example.org/report"
    event_date = datetime.date(2025, 5, 28)
    author = factory.SubFactory(UserFactory)

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )
        in_review = factory.Trait(status=Status.IN_REVIEW)
        changes_requested = factory.Trait(status=Status.CHANGES_REQUESTED)
        approved = factory.Trait(status=Status.APPROVED)
        scheduled = factory.Trait(
            status=Status.SCHEDULED,
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1)),
        )
        unpublished = factory.Trait(
            status=Status.UNPUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2)),
        )

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.set(topics)

    @factory.post_generation
    def regions(self, create, regions, **kwargs):
        if create and regions:
            self.regions.set(regions)

    @factory.post_generation
    def organizations(self, create, organizations, **kwargs):
        if create and organizations:
            self.organizations.set(organizations)

    @factory.post_generation
    def tags(self, create, tags, **kwargs):
        if create and tags:
            self.tags.set(tags)


class RoundUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundUp
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Weekly digest {n}")
    slug = factory.Sequence(lambda n: f"weekly-digest-{n}")
    introduction = "This week in the fight against trafficking."
    author = factory.SubFactory(UserFactory)

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )
        in_review = factory.Trait(status=Status.IN_REVIEW)
        changes_requested = factory.Trait(status=Status.CHANGES_REQUESTED)
        approved = factory.Trait(status=Status.APPROVED)
        scheduled = factory.Trait(
            status=Status.SCHEDULED,
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1)),
        )
        unpublished = factory.Trait(
            status=Status.UNPUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2)),
        )

    @factory.post_generation
    def items(self, create, stories, **kwargs):
        if create and stories:
            for position, story in enumerate(stories, start=1):
                RoundUpItem.objects.create(roundup=self, story=story, position=position)


def region(slug: str) -> Region:
    """Regions come from the data migration: look them up rather than making copies."""
    return Region.objects.get(slug=slug)


class HelplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "helplines.Helpline"

    region = factory.LazyFunction(lambda: region("kenya"))
    name = factory.Sequence(lambda n: f"Helpline {n}")
    phone = "0800 000 000"
    is_demo = True

    class Params:
        verified = factory.Trait(
            is_demo=False, last_verified=factory.LazyFunction(timezone.localdate)
        )


# --- Newsletters ------------------------------------------------------------------------------


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "newsletters.Subscriber"
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"reader{n}@example.net")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed weekly-digest subscription; `alert=True` with `query` and `name` for alerts."""

    class Meta:
        model = "newsletters.Subscription"

    subscriber = factory.SubFactory(SubscriberFactory)
    kind = "digest"
    query = ""
    name = "The weekly digest"
    frequency = "weekly"
    status = "confirmed"
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        alert = factory.Trait(kind="alert", frequency="daily", name="All stories")
        pending = factory.Trait(status="pending", confirmed_at=None)
