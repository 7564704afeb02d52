"""Delete unconfirmed subscriptions older than a week, and day-old rate-limit records.

The beat process runs this hourly (newsletters.tasks.purge_expired); the command is for cron or
a shell.
"""

from django.core.management.base import BaseCommand

from newsletters.services import purge_expired


class Command(BaseCommand):
    help = "Delete expired unconfirmed subscriptions and old rate-limit records."

    def handle(self, *args, **options):
        subscriptions, attempts = purge_expired()
        self.stdout.write(f"Deleted {subscriptions} expired subscriptions, {attempts} records.")
