"""Two-factor sign-in: anyone on the staff can set it up; REQUIRE_2FA makes moderators use it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderator", groups=["Moderators"])


@pytest.fixture
def editor_user(db):
    return UserFactory(username="editor", groups=["Editors"])


def test_without_require_2fa_a_superuser_opens_the_admin_with_a_password_alone(
    admin_client, settings
):
    settings.REQUIRE_2FA = False

    assert admin_client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("who", ["superuser", "moderator"])
def test_with_require_2fa_superusers_and_moderators_are_sent_to_the_second_step(
    client, settings, request, who
):
    settings.REQUIRE_2FA = True
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("admin:stories_story_changelist"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:two_factor"))
    assert "next=" in response.headers["Location"]


def test_with_require_2fa_an_editor_is_not_asked_for_a_code(client, settings, editor_user):
    settings.REQUIRE_2FA = True
    client.force_login(editor_user)

    assert client.get(reverse("admin:index")).status_code == 200


def set_up_link(mailbox) -> str:
    """The path of the set-up link in the last email sent."""
    url = urlsplit(re.search(r"https?://\S+", mailbox[-1].body).group(0))
    return f"{url.path}?{url.query}"


def test_a_moderator_sets_up_an_authenticator_app_and_then_opens_the_admin(
    client, settings, moderator, mailoutbox
):
    settings.REQUIRE_2FA = True
    client.force_login(moderator)
    target = reverse("admin:stories_story_changelist")
    page = client.get(reverse("admin:two_factor"), {"next": target})
    # The password alone shows no secret: a set-up link goes to the moderator's mailbox.
    assert "two-factor-qr" not in page.text and "secret" not in page.context
    client.post(reverse("admin:two_factor"), {"send": "1", "next": target})
    assert mailoutbox[-1].to == [moderator.email]
    page = client.get(set_up_link(mailoutbox))

    assert page.status_code == 200
    assert 'class="two-factor-qr"' in page.text and "<svg" in page.text
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert page.context["secret"] in page.text
    enrol = page.context["enrol"]

    wrong = client.post(
        reverse("admin:two_factor"), {"token": "000000", "next": target, "enrol": enrol}
    )
    assert wrong.status_code == 200
    assert "This code is wrong or has expired" in wrong.text
    assert client.get(target).status_code == 302

    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()  # as if the one-second pause after a wrong code had passed
    right = client.post(
        reverse("admin:two_factor"),
        {"token": current_code(device), "next": target, "enrol": enrol},
    )
    # Backup codes are shown once, then the moderator goes on to the page they asked for.
    assert right.status_code == 200
    assert len(right.context["codes"]) == 10
    assert f'href="{target}"' in right.text
    assert client.get(target).status_code == 200
    assert TOTPDevice.objects.get(user=moderator).confirmed is True


def test_a_confirmed_device_is_asked_for_a_code_without_showing_the_secret_again(
    client, settings, moderator
):
    settings.REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    client.force_login(moderator)

    page = client.get(reverse("admin:two_factor"))

    assert "two-factor-qr" not in page.text
    assert "secret" not in page.context
    response = client.post(reverse("admin:two_factor"), {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_second_step_does_not_redirect_to_another_site(client, settings, moderator):
    settings.REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    client.force_login(moderator)

    response = client.post(
        reverse("admin:two_factor"),
        {"token": current_code(device), "next": "https://evil.example/"},
    )

    assert response.headers["Location"] == reverse("admin:index")


def test_someone_signed_out_cannot_reach_the_second_step(client, settings):
    settings.REQUIRE_2FA = True

    response = client.get(reverse("admin:two_factor"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:login"))


def test_an_unverified_moderator_can_still_sign_out(client, settings, moderator):
    settings.REQUIRE_2FA = True
    client.force_login(moderator)

    response = client.post(reverse("admin:logout"))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_authenticator_devices_are_managed_in_the_admin_with_a_qr_code(admin_client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="phone")

    assert TOTPDevice in admin.site._registry
    qrcode = admin_client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qrcode.status_code == 200
    assert qrcode.headers["Content-Type"] == "image/svg+xml"


def test_every_staff_page_links_to_the_two_factor_set_up(client, editor_user):
    client.force_login(editor_user)

    response = client.get(reverse("admin:index"))

    assert f'href="{reverse("admin:two_factor")}"' in response.text
