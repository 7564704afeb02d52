"""Cache invalidation: any write to what readers see moves the content version on.

A signal rather than code in each `save()`: invalidating a cache is infrastructure, not domain
logic, and the writes come from many places (model methods, services, the admin's inline
formsets and many-to-many widgets, taggit) that would otherwise each have to remember it.
Writes that send no signal (`QuerySet.update()`, `bulk_create()`) must call
`stories.cache.bump_content_version()` themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from organizations.models import Organization
from stories.cache import bump_content_version_now_and_on_commit
from stories.models import PreviewLink, Region, RoundUp, RoundUpItem, Story, Topic

# Everything a public page shows; a preview link is here so that revoking one takes effect.
SHOWN_TO_READERS = (
    Story,
    RoundUp,
    RoundUpItem,
    Topic,
    Region,
    Organization,
    Tag,
    TaggedItem,
    PreviewLink,
)


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if sender in SHOWN_TO_READERS:
        bump_content_version_now_and_on_commit()


@receiver(m2m_changed)
def content_links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, SHOWN_TO_READERS):
        bump_content_version_now_and_on_commit()
