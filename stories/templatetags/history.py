from __future__ import annotations

from django import template

from stories.history import readable_comment

register = template.Library()


@register.filter
def editors_words(revision) -> str:
    """A revision's comment in editors' words, also for revisions saved before they were."""
    return readable_comment(revision.comment)
