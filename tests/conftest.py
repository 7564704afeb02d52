import pytest
from django.core.cache import cache

from tests.factories import UserFactory


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


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def other_editor(db):
    return UserFactory(username="other_editor", groups=["Editors"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def other_moderator(db):
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
