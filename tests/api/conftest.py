from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from stories.models import Topic
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, region


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def archive(db):
    """Published stories over themes, places, organizations, tags, dates and deadlines, with
    drafts, scheduled and taken-down stories linked to the same things, and digests whose leads
    and items mix them. Two stories share a publication time, so order falls to their ids."""
    iom = OrganizationFactory(name="IOM", slug="iom", acronym="IOM")
    osce = OrganizationFactory(name="OSCE", slug="osce-org", acronym="OSCE")
    unodc = OrganizationFactory(name="UNODC", slug="unodc", acronym="UNODC")
    today = timezone.localdate()
    soon, later = today + datetime.timedelta(days=3), today + datetime.timedelta(days=30)
    same_time = hours_ago(30)
    published = [
        dict(
            title="Kenya labour inspections",
            published_at=hours_ago(2),
            topics=[topic("forced-labour")],
            regions=[region("kenya")],
            organizations=[iom],
            tags=["report"],
            deadline=later,
        ),
        dict(
            title="Kenya orphanages closing",
            published_at=hours_ago(40 * 24),
            topics=[topic("orphanage-trafficking")],
            regions=[region("kenya")],
            organizations=[osce],
            deadline=today - datetime.timedelta(days=1),
        ),
        dict(
            title="Germany children in care",
            published_at=hours_ago(5 * 24),
            topics=[topic("child-trafficking")],
            regions=[region("germany")],
            organizations=[osce, iom],
            tags=["report", "court"],
        ),
        dict(
            title="Thailand scam compounds",
            published_at=hours_ago(90 * 24),
            topics=[topic("scam-compounds"), topic("forced-labour")],
            regions=[region("thailand")],
            tags=["court"],
        ),
        dict(
            title="Eastern Africa labour survey",
            kind="analysis",
            published_at=hours_ago(3 * 24),
            topics=[topic("research-and-data")],
            regions=[region("eastern-africa")],
            organizations=[unodc],
            deadline=soon,
        ),
        dict(
            title="Asia labour call for input",
            kind="call-for-input",
            published_at=same_time,
            topics=[topic("forced-labour")],
            regions=[region("asia")],
            organizations=[unodc],
            tags=["call"],
            deadline=soon,
        ),
        dict(
            title="Philippines labour recruiters",
            kind="call-for-input",
            published_at=same_time,
            topics=[topic("forced-labour")],
            regions=[region("philippines")],
            organizations=[iom, unodc],
            tags=["call", "report"],
            deadline=later,
        ),
        dict(
            title="Brazil court ruling on labour",
            published_at=hours_ago(10 * 24),
            topics=[topic("forced-labour")],
            regions=[region("brazil")],
            tags=["court"],
        ),
        dict(
            title="Europe child trafficking report",
            kind="report",
            published_at=hours_ago(20 * 24),
            topics=[topic("child-trafficking")],
            regions=[region("europe")],
            organizations=[osce],
            tags=["report"],
        ),
        dict(
            title="Global labour estimates",
            kind="report",
            published_at=hours_ago(60 * 24),
            topics=[topic("forced-labour"), topic("research-and-data")],
            regions=[region("world")],
            organizations=[iom, osce, unodc],
        ),
    ]
    stories = {}
    for fields in published:
        stories[fields["title"]] = StoryFactory(published=True, **fields)
    # Never to be seen, named or counted: linked to the same themes, places and organizations.
    hidden = dict(
        topics=[topic("forced-labour")],
        regions=[region("kenya")],
        organizations=[iom],
        tags=["report", "secret-draft-tag"],
        deadline=later,
        kind="event",  # a type no published story has: never offered
    )
    stories["Draft"] = StoryFactory(title="Draft Kenya labour", **hidden)
    stories["Scheduled"] = StoryFactory(scheduled=True, title="Scheduled Kenya labour", **hidden)
    stories["Unpublished"] = StoryFactory(
        unpublished=True, title="Unpublished Kenya labour", **hidden
    )
    stories["Taken down"] = StoryFactory(
        published=True, title="Expired Kenya labour", unpublish_at=hours_ago(1), **hidden
    )  # fmt: skip
    draft_stories = [stories[k] for k in ("Draft", "Scheduled", "Unpublished", "Taken down")]
    RoundUpFactory(
        published=True, number=1, title="First digest", slug="first-digest",
        published_at=hours_ago(7 * 24), lead_story=stories["Draft"],
        items=[stories["Kenya labour inspections"], stories["Draft"],
               stories["Germany children in care"], stories["Scheduled"]],
    )  # fmt: skip
    RoundUpFactory(
        published=True, number=2, title="Second digest", slug="second-digest",
        published_at=hours_ago(24), lead_story=stories["Asia labour call for input"],
        items=[stories["Philippines labour recruiters"], stories["Taken down"],
               stories["Brazil court ruling on labour"]],
    )  # fmt: skip
    RoundUpFactory(
        number=3, title="Draft digest", slug="draft-digest",
        lead_story=stories["Kenya labour inspections"], items=[stories["Thailand scam compounds"]],
    )  # fmt: skip
    RoundUpFactory(
        scheduled=True, number=4, title="Scheduled digest", slug="scheduled-digest",
        items=[stories["Global labour estimates"]],
    )  # fmt: skip
    stories["hidden"] = draft_stories
    return stories
