from __future__ import annotations

from django import template

from stories.models import EDITABLE_STATUSES, RoundUp, Story

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_queue(context) -> list[dict]:
    """Per kind of item: how many await review and how many drafts are the user's own."""
    user = context["request"].user
    rows = []
    for model in (Story, RoundUp):
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        rows.append(
            {
                "name": opts.verbose_name_plural,
                "url": f"admin:{opts.app_label}_{opts.model_name}_changelist",
                "awaiting": model.objects.awaiting_review().count(),
                "my_drafts": model.objects.filter(
                    author=user, status__in=EDITABLE_STATUSES
                ).count(),
            }
        )
    return rows
