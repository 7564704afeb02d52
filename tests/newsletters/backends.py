"""Email backends that fail on purpose, for the sending tests."""

from __future__ import annotations

import smtplib

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class WorkerCrash(BaseException):
    """The worker process dies mid-batch (not an Exception: nothing may catch it)."""


class FailingBackend(EmailBackend):
    """Like locmem, but the message numbered in `fail_at` (counted over the test) fails."""

    calls = 0
    fail_at: dict[int, BaseException] = {}

    def send_messages(self, messages):
        type(self).calls += 1
        error = self.fail_at.get(type(self).calls)
        if error is not None:
            raise error
        return super().send_messages(messages)


def failing(settings, **fail_at: BaseException):
    FailingBackend.calls = 0
    FailingBackend.fail_at = {int(k.removeprefix("at_")): v for k, v in fail_at.items()}
    settings.EMAIL_BACKEND = "tests.newsletters.backends.FailingBackend"
    mail.outbox = []


def disconnected():
    return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def refused(address: str):
    return smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})
