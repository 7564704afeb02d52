"""Print a one-time link that sets up two-factor sign-in for a user (a superuser hands it over)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.admin import ENROLMENT_MAX_AGE, enrolment_url, new_enrolment


class Command(BaseCommand):
    help = (
        "Print a one-time link, valid for an hour, with which USERNAME sets up an authenticator "
        "app once signed in: for someone without an email address, or who lost their phone and "
        "their backup codes. Their earlier authenticator stops working once they use it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No active user is called {username!r}.") from error
        url = enrolment_url(new_enrolment(user))
        minutes = ENROLMENT_MAX_AGE // 60
        self.stdout.write(f"Give this link to {username} (valid {minutes} minutes, once):\n{url}")
