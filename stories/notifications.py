"""Workflow emails: moderators hear of submissions, authors of what happened to their work.

Each email concerns one item and goes to one recipient, so nobody sees another person's address
or another item's content.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

ABOUT = {
    "draft": "returned to draft",
    "in_review": "submitted for review",
    "approved": "approved",
    "changes_requested": "sent back with requested changes",
    "scheduled": "scheduled",
    "published": "published",
    "unpublished": "unpublished",
}


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


def admin_link(obj) -> str:
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return f"{settings.SITE_URL}{path}"


def compose(transition, obj, recipient) -> EmailMessage:
    name = obj._meta.verbose_name
    what = ABOUT.get(transition.to_status, transition.get_to_status_display().lower())
    if transition.from_status == transition.to_status:
        what = "updated"
    by = transition.by.get_full_name() or transition.by.get_username() if transition.by else None
    lines = [
        f"The {name} “{obj}” was {what}" + (f" by {by}." if by else "."),
    ]
    if transition.to_status == "scheduled" and obj.published_at:
        when = timezone.localtime(obj.published_at)
        lines.append(f"It will be published on {when:%-d %B %Y at %H:%M %Z}.")
    if transition.comment:
        lines += ["", "Comment:", transition.comment]
    lines += ["", f"Open it: {admin_link(obj)}"]
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {name.capitalize()} {what}: {obj}",
        body="\n".join(lines),
        to=[recipient.email],
    )


def recipients(transition, obj) -> list:
    if transition.to_status == "in_review" and transition.from_status != "in_review":
        people = moderators_of(type(obj))
    elif obj.author is not None and obj.author.email:
        people = [obj.author] if obj.author.is_active else []
    else:
        people = []
    # Nobody needs an email about what they did themselves.
    return [person for person in people if person.pk != transition.by_id]


def transition_made(transition_pk: int) -> int:
    """Send the emails one workflow step calls for; return how many were sent."""
    Transition = apps.get_model("stories", "Transition")
    transition = Transition.objects.select_related("by", "content_type").get(pk=transition_pk)
    obj = transition.content_object
    if obj is None:
        return 0
    messages = [compose(transition, obj, person) for person in recipients(transition, obj)]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
