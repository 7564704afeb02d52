"""Staff issue API keys in the admin, see each once, and revoke them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stories.models import ApiKey

pytestmark = pytest.mark.django_db


def test_staff_issue_a_key_on_the_rendered_page_and_see_it_once(django_app, superuser, settings):
    settings.API_ANONYMOUS_RATE = "1/minute"
    page = django_app.get(reverse("admin:stories_apikey_add"), user=superuser)
    form = page.forms["apikey_form"]
    form["name"] = "Partner NGO"
    form["contact"] = "data@partner.example"
    form["requests_per_minute"] = "3"

    listed = form.submit().follow()

    key = re.search(r'<code class="api-key">([^<]+)</code>', listed.text).group(1)
    api_key = ApiKey.objects.get()
    assert api_key.created_by == superuser and api_key.prefix in key
    assert (
        key
        not in django_app.get(
            reverse("admin:stories_apikey_change", args=[api_key.pk]), user=superuser
        ).text
    )
    codes = [
        django_app.get("/api/v1/topics/", headers={"X-API-Key": key}, expect_errors=True).status
        for _ in range(4)
    ]
    assert codes == ["200 OK"] * 3 + ["429 Too Many Requests"]


def test_staff_revoke_keys_from_the_list(django_app, superuser):
    api_key = ApiKey(name="Old partner")
    key = api_key.issue_key()
    api_key.save()
    page = django_app.get(reverse("admin:stories_apikey_changelist"), user=superuser)
    form = page.forms["changelist-form"]
    form["action"] = "revoke"
    form["_selected_action"] = [str(api_key.pk)]

    form.submit().follow()

    api_key.refresh_from_db()
    assert not api_key.is_active
    response = django_app.get("/api/v1/topics/", headers={"X-API-Key": key}, expect_errors=True)
    assert response.status_int == 401
