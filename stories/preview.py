"""Share links: a signed, expiring, revocable address that shows one draft to someone without an
account, rendered with the public template and never indexed or cached publicly.

A link made for a live item's proposed changes points at its PendingRevision: it shows the item
with those changes applied in memory, and stops opening once they are published or discarded
(the revision is gone), even though the item itself is still there.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from stories.models import PendingRevision, PreviewLink, RoundUp, Story
from stories.views import responsive_image

SALT = "stories.preview-link"
LIFETIME = datetime.timedelta(days=int(getattr(settings, "PREVIEW_LINK_DAYS", 7)))


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def links_for(obj):
    """The links to obj, and to its current proposed changes if it has some."""
    shown = Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    revision = obj.pending_revision() if obj.is_live() else None
    if revision is not None:
        shown |= Q(
            content_type=ContentType.objects.get_for_model(PendingRevision), object_id=revision.pk
        )
    return PreviewLink.objects.filter(shown).select_related("content_type")


def create_link(obj, *, by, lifetime: datetime.timedelta = LIFETIME) -> PreviewLink:
    return PreviewLink.objects.create(
        content_object=obj, created_by=by, expires_at=timezone.now() + lifetime
    )


def link_url(link: PreviewLink) -> str:
    token = signer().sign(str(link.pk))
    return f"{settings.SITE_URL}{reverse('stories:shared_preview', args=[token])}"


def private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Show the draft a share link points to, while the link is valid."""
    try:
        # The row's expiry is the real limit; the signature's age is a backstop.
        pk = signer().unsign(token, max_age=datetime.timedelta(days=366))
    except signing.BadSignature:
        raise Http404("This preview link is not valid.") from None
    link = PreviewLink.objects.filter(pk=pk).select_related("content_type").first()
    obj = link.content_object if link is not None else None
    if obj is None or not link.is_active():
        proposed = link is not None and obj is None and link.shows_proposed_changes()
        response = render(
            request, "stories/preview_gone.html", {"proposed_gone": proposed}, status=410
        )
        return private(response)
    context = {"object": obj, "is_preview": True}
    if isinstance(obj, PendingRevision):
        item = obj.content_object
        if item is None or not item.is_live():
            raise Http404("Nothing to preview.")  # a revision never outlives a live item
        context.update(
            is_proposed=True,
            object=obj.applied_to(item),
            change_notes=obj.change_notes_shown_with(list(item.change_notes.all())),
        )
        if "items" in obj.content:
            context["items"] = obj.proposed_items()
        obj = context["object"]
    context.setdefault("change_notes", list(obj.change_notes.all()))
    if isinstance(obj, Story):
        context.update(
            story=obj,
            roundups=RoundUp.objects.published().featuring([obj]),
            image=responsive_image(obj.image, obj.image_alt),
        )
        template = "stories/preview_story.html"
    elif isinstance(obj, RoundUp):
        context.setdefault(
            "items", obj.items.select_related("story").prefetch_related("story__topics")
        )
        context["roundup"] = obj
        template = "stories/preview_roundup.html"
    else:
        raise Http404("Nothing to preview.")
    return private(render(request, template, context))
