"""With REQUIRE_2FA=1 the password alone opens nothing more: draft previews need the second
step like the admin, setting up an authenticator needs a one-time link from the person's mailbox
or a superuser, and backup codes stand in for a lost phone."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.admin import ENROLMENT_SALT, enrolment_path, new_enrolment
from tests.factories import StoryFactory, UserFactory
from tests.security.test_two_factor import current_code, set_up_link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def moderator(editorial_groups):
    return UserFactory(username="moderator", groups=["Moderators"])


def enrol(client, user) -> list[str]:
    """Set up an authenticator from a set-up link; return the backup codes shown."""
    device = new_enrolment(user)
    page = client.get(enrolment_path(device))
    response = client.post(
        reverse("admin:two_factor"),
        {"token": current_code(device), "enrol": page.context["enrol"]},
    )
    return response.context["codes"]


# --- Draft previews ---------------------------------------------------------------------------


def test_a_draft_preview_needs_the_second_step_like_the_admin(client, require_2fa, moderator):
    draft = StoryFactory(title="Draft under embargo")
    TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    client.force_login(moderator)
    url = f"{draft.get_absolute_url()}?preview=1"

    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("admin:two_factor"))
    assert "Draft under embargo" not in response.text
    device = TOTPDevice.objects.get(user=moderator)
    client.post(reverse("admin:two_factor"), {"token": current_code(device)})
    preview = client.get(url)
    assert preview.status_code == 200 and "Draft under embargo" in preview.text


def test_a_draft_preview_without_the_second_step_never_shows_the_draft(
    client, require_2fa, moderator
):
    draft = StoryFactory(title="Draft under embargo")
    client.force_login(moderator)

    followed = client.get(f"{draft.get_absolute_url()}?preview=1", follow=True)

    assert "Draft under embargo" not in followed.text


def test_an_editor_the_second_step_does_not_concern_previews_as_before(client, require_2fa, editor):
    draft = StoryFactory(title="Draft under embargo")
    client.force_login(editor)

    assert "Draft under embargo" in client.get(f"{draft.get_absolute_url()}?preview=1").text


# --- First set-up needs more than the password --------------------------------------------------


def test_the_password_alone_never_shows_an_authenticator_secret(client, require_2fa, moderator):
    client.force_login(moderator)

    for response in (
        client.get(reverse("admin:two_factor")),
        client.post(reverse("admin:two_factor"), {"send": "1"}),
        client.post(reverse("admin:two_factor"), {"token": "123456"}),
    ):
        assert response.status_code == 200
        assert "two-factor-qr" not in response.text
        assert "secret" not in response.context
    assert not TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()


def test_a_set_up_link_works_only_for_its_user_once_and_for_an_hour(client, require_2fa, moderator):
    other = UserFactory(username="other_moderator", groups=["Moderators"])
    link = enrolment_path(new_enrolment(other))
    client.force_login(moderator)
    # Someone else's link.
    assert "two-factor-qr" not in client.get(link).text

    client.force_login(other)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        expired = client.get(link)
    assert "two-factor-qr" not in expired.text and "has expired" in expired.text

    device = new_enrolment(other)
    link = enrolment_path(device)
    page = client.get(link)
    assert "two-factor-qr" in page.text
    client.post(
        reverse("admin:two_factor"),
        {"token": current_code(device), "enrol": page.context["enrol"]},
    )
    client.logout()
    client.force_login(other)
    assert "two-factor-qr" not in client.get(link).text  # used once


def test_a_forged_or_altered_link_is_refused(client, require_2fa, moderator):
    device = new_enrolment(moderator)
    forged = signing.dumps(
        {"user": moderator.pk, "device": device.pk, "key": "0" * 24}, salt=ENROLMENT_SALT
    )
    client.force_login(moderator)

    for token in (forged, "nonsense", enrolment_path(device).split("enrol=")[1][:-3] + "AAA"):
        response = client.get(reverse("admin:two_factor"), {"enrol": token})
        assert "two-factor-qr" not in response.text


def test_a_new_set_up_link_makes_the_earlier_one_useless(
    client, require_2fa, moderator, mailoutbox
):
    client.force_login(moderator)
    client.post(reverse("admin:two_factor"), {"send": "1"})
    first = set_up_link(mailoutbox)
    new_enrolment(moderator)

    assert "two-factor-qr" not in client.get(first).text


def test_a_superuser_issues_a_set_up_link_from_the_command_line(client, require_2fa, moderator):
    out = io.StringIO()
    call_command("two_factor_link", "moderator", stdout=out)
    path = "/" + out.getvalue().strip().split("://", 1)[1].split("/", 1)[1]
    client.force_login(moderator)

    assert "two-factor-qr" in client.get(path).text


# --- Backup codes -------------------------------------------------------------------------------


def test_a_backup_code_signs_in_once_when_the_phone_is_lost(client, require_2fa, moderator):
    client.force_login(moderator)
    codes = enrol(client, moderator)
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=moderator).count() == 10
    client.logout()
    client.force_login(moderator)

    response = client.post(reverse("admin:two_factor"), {"token": codes[0]})

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    client.force_login(moderator)
    again = client.post(reverse("admin:two_factor"), {"token": codes[0]})
    assert again.status_code == 200 and "This code is wrong" in again.text


def test_after_a_backup_code_a_new_phone_replaces_the_lost_one(client, require_2fa, moderator):
    client.force_login(moderator)
    codes = enrol(client, moderator)
    lost = TOTPDevice.objects.get(user=moderator, confirmed=True)
    client.logout()
    client.force_login(moderator)
    client.post(reverse("admin:two_factor"), {"token": codes[1]})

    page = client.post(reverse("admin:two_factor_backup_codes"), {"new_app": "1"}, follow=True)
    assert "two-factor-qr" in page.text
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    response = client.post(
        reverse("admin:two_factor"),
        {"token": current_code(device), "enrol": page.context["enrol"]},
    )

    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert list(TOTPDevice.objects.filter(user=moderator)) == [device]
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()


def test_backup_codes_are_replaced_only_by_someone_who_passed_the_second_step(
    client, require_2fa, moderator
):
    client.force_login(moderator)
    response = client.post(reverse("admin:two_factor_backup_codes"), {"new_codes": "1"})

    assert response.status_code == 302
    assert not StaticToken.objects.filter(device__user=moderator).exists()
