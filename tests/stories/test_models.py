import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from stories.models import Region, Status, Story, Topic
from tests.factories import StoryFactory, TopicFactory, region

pytestmark = pytest.mark.django_db


def test_every_country_and_m49_region_is_loaded():
    assert Region.objects.countries().count() == 249
    assert region("kenya").iso_code == "KE"
    assert region("kenya").parent == region("eastern-africa")
    assert region("eastern-africa").parent == region("africa")
    assert region("africa").parent == region("world")


def test_a_continent_covers_its_sub_regions_and_countries():
    covered = Region.objects.covered_by([region("africa")])
    assert region("kenya") in covered
    assert region("eastern-africa") in covered
    assert region("africa") in covered
    assert region("germany") not in covered


def test_a_grouping_covers_its_member_countries_only():
    covered = Region.objects.covered_by([region("osce")])
    assert region("germany") in covered
    assert region("united-states") in covered
    assert region("kenya") not in covered
    assert region("osce").members.count() == 57
    assert region("asean").members.count() == 11
    assert region("european-union").members.count() == 27
    assert region("african-union").members.count() == 55


def test_stories_in_a_region_include_those_tagged_with_a_place_inside_it():
    kenya_story = StoryFactory(regions=[region("kenya")])
    german_story = StoryFactory(regions=[region("germany")])
    africa_story = StoryFactory(regions=[region("africa")])

    assert set(Story.objects.in_regions([region("africa")])) == {kenya_story, africa_story}
    assert set(Story.objects.in_regions([region("osce")])) == {german_story}
    assert set(Story.objects.in_regions([region("kenya")])) == {kenya_story}


def test_stories_on_a_topic_include_its_sub_topics():
    parent = Topic.objects.get(slug="child-trafficking")
    child = Topic.objects.get(slug="orphanage-trafficking")
    on_child = StoryFactory(topics=[child])
    on_parent = StoryFactory(topics=[parent])

    assert set(Story.objects.for_topics([parent])) == {on_child, on_parent}
    assert set(Story.objects.for_topics([child])) == {on_child}


def test_story_slugs_are_unique():
    StoryFactory(slug="same-slug")
    with pytest.raises(IntegrityError):
        StoryFactory(slug="same-slug")


def test_a_blank_slug_is_derived_from_the_title():
    story = StoryFactory(title="Kenyans return from Myanmar", slug="")
    assert story.slug == "kenyans-return-from-myanmar"


def test_topic_slugs_are_unique():
    TopicFactory(name="Dup", slug="dup")
    with pytest.raises(IntegrityError):
        Topic.objects.create(name="Another", slug="dup")


def test_body_is_stored_as_sanitised_html():
    story = StoryFactory(
        body="Hello **world**\n\n<script>alert(1)</script>[x](javascript:alert(1))"
    )
    assert "<strong>world</strong>" in story.body_html
    assert "<script" not in story.body_html
    assert "javascript:" not in story.body_html


def test_published_means_live_status_and_publication_time_reached():
    now = timezone.now()
    live = StoryFactory(status=Status.PUBLISHED, published_at=now - datetime.timedelta(minutes=1))
    due = StoryFactory(status=Status.SCHEDULED, published_at=now - datetime.timedelta(minutes=1))
    StoryFactory(status=Status.SCHEDULED, published_at=now + datetime.timedelta(hours=1))
    StoryFactory(status=Status.DRAFT, published_at=now - datetime.timedelta(days=1))
    StoryFactory(status=Status.APPROVED)
    StoryFactory(
        status=Status.PUBLISHED,
        published_at=now - datetime.timedelta(days=2),
        unpublish_at=now - datetime.timedelta(days=1),
    )

    assert set(Story.objects.published()) == {live, due}
    assert [s.is_published() for s in (live, due)] == [True, True]
    assert all(not s.is_published() for s in Story.objects.exclude(pk__in=[live.pk, due.pk]))


def test_a_live_story_needs_a_publication_time():
    with pytest.raises(IntegrityError):
        StoryFactory(status=Status.PUBLISHED, published_at=None)
