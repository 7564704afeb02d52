import sys
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from tests.factories import UserFactory

# A second alias for the replica router's tests (tests/test_replicas.py): Django's test mirror
# of the primary. The router uses it only where a test sets DATABASE_REPLICA_URLS.
django_settings.DATABASES.setdefault(
    "replica_1", {**django_settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
)


@pytest.fixture(autouse=True)
def isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """For every test: Argon2 is slow on purpose; tests/security checks the real hasher list."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_health_checks():
    """/healthz keeps a thread (and its connections) per part it checks: each test starts anew."""
    yield
    health = sys.modules.get("newsroom.health")
    for probe in health.PROBES if health else ():
        probe.stop()


@pytest.fixture
def reference_data(transactional_db):
    """Places and starter themes as their data migrations load them, for a transactional test:
    the database is flushed after each one, data-migration rows included."""
    from django.apps import apps

    from stories.models import Region, Topic

    if not Region.objects.exists():
        import_module("stories.migrations.0002_load_regions").load_regions(apps, None)
    if not Topic.objects.exists():
        import_module("stories.migrations.0003_starter_topics").add_topics(apps, None)


@pytest.fixture
def no_page_cache(settings):
    """Turn the whole-page cache off, so that every request runs the view."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def editorial_groups(db):
    """The Editors and Moderators groups as their migration makes them.

    Tests on a transactional database (live server, browser journeys) flush every table after
    they run, data-migration rows included; the groups come back here with their permissions.
    """
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    # One permission each group must hold, checked by name: a restored database may carry
    # group rows whose permission links point at other permissions' ids.
    marks = {"Editors": "submit_story", "Moderators": "publish_roundup"}
    intact = Group.objects.filter(
        Q(name="Editors", permissions__codename=marks["Editors"])
        | Q(name="Moderators", permissions__codename=marks["Moderators"])
    )
    if intact.values("name").distinct().count() == len(marks):
        return
    migration = import_module("stories.migrations.0006_editorial_groups")
    approval = import_module("organizations.migrations.0004_approval")
    newsletters = import_module("newsletters.migrations.0002_moderators_send_newsletters")
    helplines = import_module("helplines.migrations.0002_demo_helplines")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    moderators = {**migration.MODERATORS}
    moderators["organizations"] = moderators["organizations"] + approval.GRANTS["Moderators"]
    moderators["newsletters"] = newsletters.MODERATORS
    moderators["helplines"] = helplines.MODERATORS
    editors = {**migration.EDITORS, "helplines": helplines.EDITORS}
    for name, grants in (("Editors", editors), ("Moderators", moderators)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                Q(
                    *[
                        Q(content_type__app_label=label, codename__in=codenames)
                        for label, codenames in grants.items()
                    ],
                    _connector=Q.OR,
                )
            )
        )


@pytest.fixture
def editor(editorial_groups):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def other_editor(editorial_groups):
    return UserFactory(username="other_editor", groups=["Editors"])


@pytest.fixture
def moderator(editorial_groups):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def other_moderator(editorial_groups):
    return UserFactory(username="other_moderator", groups=["Moderators"])


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def moderator_client(moderator):
    return _client_for(moderator)
