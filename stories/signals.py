"""Cache invalidation: a write moves the content version on when readers can see what it changed.

A signal rather than code in each `save()`: invalidating a cache is infrastructure, not domain
logic, and the writes come from many places (model methods, services, the admin's inline
formsets and many-to-many widgets, taggit, django-reversion's reverts) that would otherwise each
have to remember it. Writes that send no signal (`QuerySet.update()`, `bulk_create()`) must call
`stories.cache.bump_content_version()` themselves, as workflow steps (`Publishable._move`) do by
the rule below.

Readers see nothing of a draft, and editors save drafts all day: a story or round-up moves the
version on only if it is live (published or scheduled, `LIVE_STATUSES`) after the write or was
before it, and a link row (a story's themes, places, organizations and tags, a round-up's items)
only if its story or round-up is live. "Before" is read from the row, not from the instance,
which may be stale or, when a revision is reverted, never loaded at all. A status change and the
link changes saved with it share a transaction, and the status change's bump after commit
covers them. Vocabularies and preview links move the version on whenever they change.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from newsroom.cache import cache_recovered
from organizations.models import Organization
from stories.cache import (
    bump_content_version,
    bump_content_version_now_and_on_commit,
    bump_version,
    current_version,
)
from stories.models import (
    LIVE_STATUSES,
    PreviewLink,
    Region,
    RoundUp,
    RoundUpItem,
    Story,
    Topic,
)

# Items readers see only while they are live.
PUBLISHABLE = (Story, RoundUp)
# Rows that link a story or round-up to something: shown only while their owner is live.
LINKS = (RoundUpItem, TaggedItem)
# Everything a public page shows; a preview link is here so that revoking one takes effect.
SHOWN_TO_READERS = (
    *PUBLISHABLE,
    *LINKS,
    Topic,
    Region,
    Organization,
    Tag,
    PreviewLink,
)


# The admin's story filters offer the themes, places and organizations drafts use too, so what
# they cache moves on with any story's links, whether readers see them or not.
LINKS_VERSION_KEY = "story-links-version"


def story_links_version() -> int:
    return current_version(LINKS_VERSION_KEY)


def bump_story_links_version_now_and_on_commit() -> None:
    bump_version(LINKS_VERSION_KEY)
    transaction.on_commit(lambda: bump_version(LINKS_VERSION_KEY))


def is_live(item) -> bool:
    return item.status in LIVE_STATUSES


def row_is_live(model, pk, using: str) -> bool:
    rows = model._base_manager.using(using).filter(pk=pk, status__in=LIVE_STATUSES)
    if transaction.get_connection(using).in_atomic_block:
        # Hold the row until the write commits, so nobody publishes it between check and write.
        rows = rows.select_for_update()
    return pk is not None and rows.exists()


def owner_is_live(link, using: str) -> bool:
    """Whether the story or round-up the link row belongs to is live (true for other owners)."""
    if isinstance(link, RoundUpItem):
        return row_is_live(RoundUp, link.roundup_id, using)
    model = ContentType.objects.db_manager(using).get_for_id(link.content_type_id).model_class()
    return model not in PUBLISHABLE or row_is_live(model, link.object_id, using)


def readers_see_it_now(instance, using: str) -> bool:
    """Whether readers may see the row as it is in the database, before the write."""
    if isinstance(instance, PUBLISHABLE):
        return row_is_live(type(instance), instance.pk, using)
    if isinstance(instance, LINKS) and instance.pk is not None:
        stored = type(instance)._base_manager.using(using).filter(pk=instance.pk).first()
        return stored is not None and owner_is_live(stored, using)
    return False


@receiver(pre_save)
@receiver(pre_delete)
def note_what_readers_saw(sender, instance, using, **kwargs):
    if sender in PUBLISHABLE and is_live(instance):
        instance._readers_saw_it = True  # a bump is due anyway: no need to look
    elif sender in PUBLISHABLE or sender in LINKS:
        instance._readers_saw_it = readers_see_it_now(instance, using)


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, instance, using, **kwargs):
    if sender not in SHOWN_TO_READERS:
        return
    if sender is Story and kwargs["signal"] is post_delete:
        bump_story_links_version_now_and_on_commit()  # its links went with it, unsignalled
    # Unknown (no pre_ signal seen) counts as seen.
    seen = instance.__dict__.pop("_readers_saw_it", True)
    deleted = kwargs["signal"] is post_delete
    removal = deleted
    if sender in PUBLISHABLE:
        shown = seen or is_live(instance)
        # Readers may have seen it and may no longer: counts from before must not be shown.
        removal = seen and (deleted or not instance.is_published())
    elif sender in LINKS:
        # A link edit: its story or round-up stays on the site.
        shown, removal = seen or (not deleted and owner_is_live(instance, using)), False
    else:
        shown = True
    if shown:
        bump_content_version_now_and_on_commit(removal=removal)


@receiver(m2m_changed)
def content_links_changed(sender, instance, action, using, **kwargs):
    if not action.startswith("post_") or not isinstance(instance, SHOWN_TO_READERS):
        return
    if isinstance(instance, Story) or issubclass(kwargs["model"], Story):
        bump_story_links_version_now_and_on_commit()
    # A story's or round-up's own links; seen from a vocabulary, they count as vocabulary.
    own_links_hidden = isinstance(instance, PUBLISHABLE) and not (
        is_live(instance) or row_is_live(type(instance), instance.pk, using)
    )
    if not own_links_hidden:
        bump_content_version_now_and_on_commit()


@receiver(cache_recovered)
def leave_behind_what_the_cache_kept_through_an_outage(**kwargs):
    # Writes while the cache was away moved no version on: what it still holds may be stale.
    bump_content_version(removal=True)
    bump_version(LINKS_VERSION_KEY)
