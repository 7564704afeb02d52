"""Every registered model's admin list, add and change pages open for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    story = StoryFactory(
        published=True, image=image_file(), image_alt="A conference hall", tags=["report"]
    )
    RoundUpFactory(lead_story=story, items=[StoryFactory()])
    OrganizationFactory()


def test_every_admin_page_opens_for_a_superuser(admin_client, content):
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        changelist = admin_client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert changelist.status_code == 200, model
        if model_admin.has_add_permission(changelist.wsgi_request):
            add = admin_client.get(reverse("admin:{}_{}_add".format(*info)))
            assert add.status_code == 200, model
        obj = model_admin.get_queryset(changelist.wsgi_request).first()
        if obj is not None:
            change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            assert change.status_code == 200, model


def test_admin_lists_search_and_filter(admin_client, content):
    url = reverse("admin:stories_story_changelist")
    assert admin_client.get(url, {"q": "Story"}).status_code == 200
    assert admin_client.get(url, {"status__exact": "published"}).status_code == 200
