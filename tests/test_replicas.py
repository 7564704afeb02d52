"""The replica router: anonymous readers read a replica, everyone and everything else the primary
(newsroom.replicas), against a second alias that is Django's test mirror of the primary."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from newsroom.replicas import PIN_COOKIE, ReplicaRouter
from stories.cache import content_version, version_time_key
from stories.models import Story
from tests.factories import StoryFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica_1"]),
    pytest.mark.usefixtures("no_page_cache"),
]


@pytest.fixture(autouse=True)
def replicas(settings):
    settings.DATABASE_REPLICA_URLS = ["postgres://replica.example/newsroom"]
    settings.REPLICA_LAG_SECONDS = 5


@pytest.fixture
def story():
    return StoryFactory(published=True, title="Kenyans return home")


def settled():
    """As if the last change of content was longer ago than the replicas' tolerated lag."""
    cache.set(version_time_key(content_version()), time.time() - 60)


def queries_on(client, path, **kwargs) -> dict[str, int]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        response = client.get(path, **kwargs)
    assert response.status_code == 200
    return {"primary": len(primary), "replica": len(replica)}


def test_an_anonymous_reader_reads_a_replica(client, story):
    settled()

    used = queries_on(client, story.get_absolute_url())

    assert used["replica"] > 0
    assert used["primary"] == 0


def test_readers_read_the_primary_right_after_a_change_the_replicas_may_not_have_yet(client, story):
    StoryFactory(published=True)  # the content version moves on now

    used = queries_on(client, story.get_absolute_url())

    assert used["replica"] == 0


def test_a_signed_in_user_reads_the_primary(client, story, superuser):
    settled()
    client.force_login(superuser)

    used = queries_on(client, story.get_absolute_url())

    assert used["replica"] == 0
    assert used["primary"] > 0


def test_someone_who_just_posted_reads_the_primary_for_a_while(client, story, settings):
    settled()
    response = client.post("/stories/", {})  # any write: the pin comes with the answer

    assert float(response.cookies[PIN_COOKIE].value) > time.time()
    assert queries_on(client, story.get_absolute_url())["replica"] == 0

    client.cookies[PIN_COOKIE] = str(time.time() - 1)  # the pin has run out
    assert queries_on(client, story.get_absolute_url())["replica"] > 0


def test_a_mangled_pin_reads_the_primary(client, story):
    settled()
    client.cookies[PIN_COOKIE] = "soon"

    assert queries_on(client, story.get_absolute_url())["replica"] == 0


def test_writes_commands_and_tasks_use_the_primary(story):
    router = ReplicaRouter()

    assert router.db_for_write(Story) == "default"
    assert router.db_for_read(Story) == "default"  # outside a reader's request
    assert router.allow_migrate("replica_1", "stories") is False
    assert router.allow_migrate("default", "stories") is True


def test_without_replicas_everything_reads_the_primary(client, story, settings):
    settings.DATABASE_REPLICA_URLS = []
    settled()

    assert queries_on(client, story.get_absolute_url())["replica"] == 0
