"""Workflow emails: moderators hear of submissions, authors of what happened to their work.

One email per step and recipient: a round-up submitted or published with its stories is one
step, and its email lists the stories, instead of one email per item. Nobody sees another
person's address.

The emails leave after the step has committed, through the task queue
(`stories.tasks.send_step_emails`): a worker retries a failing mail server with a growing pause;
without a worker (no CELERY_BROKER_URL) the task runs at once and tries once. A failing mail
server or queue is logged; it never fails or undoes the step.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger("stories.notifications")

ABOUT = {
    "draft": "returned to draft",
    "in_review": "submitted for review",
    "approved": "approved",
    "changes_requested": "sent back with requested changes",
    "scheduled": "scheduled",
    "published": "published",
    "unpublished": "unpublished",
}

# The transitions of the step being taken, while a round-up's step gathers its items' steps.
_step: ContextVar[list[int] | None] = ContextVar("workflow_step", default=None)


# --- Which steps send emails, and when ----------------------------------------------------------


def transition_recorded(transition) -> None:
    """Email about the transition once it commits, with the rest of its step if it has one."""
    step = _step.get()
    if step is None:
        transaction.on_commit(partial(queue, [transition.pk]))
    else:
        step.append(transition.pk)


@contextlib.contextmanager
def one_step():
    """The workflow transitions recorded inside are one step: one email each person concerned.

    Usable as a decorator, inside the step's transaction: nothing is sent if it rolls back.
    """
    if _step.get() is not None:  # already part of a larger step
        yield
        return
    transitions: list[int] = []
    token = _step.set(transitions)
    try:
        yield
    finally:
        _step.reset(token)
    if transitions:
        transaction.on_commit(partial(queue, transitions))


@contextlib.contextmanager
def silenced():
    """Steps recorded inside email nobody: loading demo content is not news to anyone."""
    token = _step.set([])
    try:
        yield
    finally:
        _step.reset(token)


def queue(transition_pks: list[int]) -> None:
    """Hand the step's emails to the task queue; a queue that cannot be reached is logged."""
    from stories.tasks import send_step_emails

    try:
        send_step_emails.delay(transition_pks)
    except Exception:  # noqa: BLE001 - the broker is down: the step stands, the email is lost
        logger.exception("Emails about workflow step %s could not be queued.", transition_pks)


# --- Who hears of a step ------------------------------------------------------------------------


def moderators_of(model) -> list:
    """Active users who may approve this kind of item and have an email address."""
    opts = model._meta
    permission = Permission.objects.filter(
        content_type__app_label=opts.app_label, codename=f"approve_{opts.model_name}"
    )
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=permission)
        | Q(user_permissions__in=permission),
        is_active=True,
    ).exclude(email="")  # fmt: skip
    return list(users.distinct().order_by("pk"))


def recipients(transition, obj) -> list:
    if transition.to_status == "in_review" and transition.from_status != "in_review":
        people = moderators_of(type(obj))
    elif obj.author is not None and obj.author.email:
        people = [obj.author] if obj.author.is_active else []
    else:
        people = []
    # Nobody needs an email about what they did themselves.
    return [person for person in people if person.pk != transition.by_id]


# --- What they read -----------------------------------------------------------------------------


def one_line(text: str) -> str:
    """Text fit for one line of a header: a line break in a title must not start a new header."""
    kept = (" " if unicodedata.category(char) == "Cc" else char for char in str(text))
    return " ".join("".join(kept).split())


def admin_link(obj) -> str:
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return f"{settings.SITE_URL}{path}"


def what_happened(transition) -> str:
    if transition.from_status == transition.to_status:
        return "updated"
    return ABOUT.get(transition.to_status, transition.get_to_status_display().lower())


def compose(step: list, recipient) -> EmailMessage:
    """The email about a step (its (transition, item) pairs, the main item last) to one person."""
    transition, obj = step[-1]
    name = obj._meta.verbose_name
    what = what_happened(transition)
    title = one_line(obj)
    by = transition.by.get_full_name() or transition.by.get_username() if transition.by else None
    lines = [f"The {name} “{title}” was {what}" + (f" by {by}." if by else ".")]
    if transition.to_status == "scheduled" and obj.published_at:
        when = timezone.localtime(obj.published_at)
        lines.append(f"It will be published on {when:%-d %B %Y at %H:%M %Z}.")
    if len(step) > 1:
        count = len(step) - 1
        lines += ["", f"With it, {count} stor{'y' if count == 1 else 'ies'}:"]
        lines += [
            f"- “{one_line(item)}”, {what_happened(item_transition)}: {admin_link(item)}"
            for item_transition, item in step[:-1]
        ]
    if transition.comment:
        lines += ["", "Comment:", transition.comment]
    lines += ["", f"Open it: {admin_link(obj)}"]
    return EmailMessage(
        subject=one_line(f"[{settings.SITE_NAME}] {name.capitalize()} {what}: {title}"),
        body="\n".join(lines),
        to=[recipient.email],
    )


def step_emails(transition_pks: list[int]) -> dict[int, EmailMessage]:
    """The emails a workflow step calls for, by recipient."""
    Transition = apps.get_model("stories", "Transition")
    transitions = Transition.objects.filter(pk__in=transition_pks).select_related(
        "by", "content_type"
    )
    step = [(t, t.content_object) for t in sorted(transitions, key=lambda t: t.pk)]
    step = [(transition, obj) for transition, obj in step if obj is not None]
    # The round-up leads its step (its own transition is recorded after its stories').
    step.sort(key=lambda pair: pair[1]._meta.model_name == "roundup")
    people = {}
    for transition, obj in step:
        for person in recipients(transition, obj):
            people.setdefault(person.pk, person)
    return {pk: compose(step, person) for pk, person in people.items()}
