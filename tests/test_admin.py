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


def autocomplete_fields():
    """(model admin, field name) of every autocomplete field of every admin and its inlines."""
    for model_admin in admin.site._registry.values():
        for owner in [model_admin, *model_admin.inlines]:
            for name in owner.autocomplete_fields:
                label = f"{model_admin.model._meta.label}.{owner.model._meta.model_name}.{name}"
                yield pytest.param(model_admin, name, id=label)


@pytest.mark.parametrize("crafted", ["abc", "9" * 25])
@pytest.mark.parametrize(("model_admin", "name"), list(autocomplete_fields()))
def test_a_crafted_id_in_any_autocomplete_field_is_a_form_error(
    django_app, superuser, model_admin, name, crafted
):
    opts = model_admin.model._meta
    page = django_app.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), user=superuser)
    form = page.forms[f"{opts.model_name}_form"]
    # An inline's fields are named after their form: "items-0-story".
    field = next(key for key in form.fields if key == name or key.endswith(f"-0-{name}"))
    multiple = form[field].__class__.__name__ == "MultipleSelect"
    form[field].force_value([crafted] if multiple else crafted)

    response = form.submit()

    assert response.status_code == 200
    errors = [e.text for e in response.html.select(f".field-{name} .errorlist")]
    assert any("valid" in error for error in errors), errors
