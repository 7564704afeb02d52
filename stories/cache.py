"""Caching of what readers see: a content version and a whole-page cache for anonymous readers.

Every cached thing that depends on published content (whole pages here, facet counts elsewhere)
puts `content_version()` in its key. The version moves on when content is saved or deleted
(receivers in `stories.apps`) and, by itself, when a scheduled item falls due: the time of the
next publication or take-down is cached next to the version and checked on every read, so no
job is needed and no cached page outlives the content it shows.

Without the cache (Redis down: `newsroom.cache` turns its calls into misses) readers get every
page rendered afresh; without the database, pages already cached are still served.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date

VERSION_KEY = "content-version"
NEXT_DUE_KEY = "content-next-due"
# The first version after the last removal (a take-down, an unpublication, a deletion): counts
# from before it are never served in place of current ones (stories.counts).
REMOVAL_KEY = "content-removal-version"
# When each content version began, kept long enough for stories.counts to bound staleness.
VERSION_TIME_SECONDS = 24 * 60 * 60
# Without anything scheduled, the next-due time is still looked at again now and then, in case
# something was scheduled by a write that sends no signal (a bulk update in a shell).
NO_DUE_RECHECK_SECONDS = 300
NOTHING_DUE = 0.0
# When the database cannot tell the next due time, it is asked again this much later; cached
# pages of the current version stay right meanwhile (nothing can be published without it).
NO_DATABASE_RECHECK_SECONDS = 5


def cache_is_available() -> bool:
    """False while the cache is known to be down (only Redis can be; local memory cannot)."""
    return getattr(cache, "is_available", True)


# --- Content version ----------------------------------------------------------------------------


def _fresh_version() -> int:
    # Start from the clock, not from 1: if the cache loses the version but keeps old pages,
    # counting again from 1 would bring back pages of an old version. In microseconds: changes
    # move a version on by one each, and a busy minute's hundreds of them outrun a millisecond
    # clock, so a version started again could repeat a number already used.
    return time.time_ns() // 1000


def _start_version(key: str) -> int:
    """A fresh version under the key, unless another request stored one first."""
    version = _fresh_version()
    if not cache.add(key, version, timeout=None):
        return cache.get(key, version)
    if key == VERSION_KEY:
        cache.set(version_time_key(version), time.time(), timeout=VERSION_TIME_SECONDS)
    return version


def current_version(key: str) -> int:
    """The current value of a version counter kept in the cache."""
    value = cache.get(key)
    return _start_version(key) if value is None else value


def bump_version(key: str) -> int:
    """Move a version counter on, so that everything cached under its old value is left behind."""
    try:
        return cache.incr(key)
    except ValueError:  # not in the cache (evicted, flushed, first write)
        value = _fresh_version()
        cache.set(key, value, timeout=None)
        return value


# Sent once a change readers can see has committed (and when a scheduled one falls due), with
# `removal=True` when something may have left the site: stories.counts recounts then.
content_committed = Signal()


def version_time_key(version: int) -> str:
    return f"{VERSION_KEY}:at:{version}"


def version_began_at(version: int) -> float | None:
    """When the version was reached by a bump (None if it was not, or long ago)."""
    return cache.get(version_time_key(version))


def bump_content_version(*, removal: bool = False) -> int:
    """Move the content version on, so that every page and count cached before is left behind."""
    value = bump_version(VERSION_KEY)
    cache.delete(NEXT_DUE_KEY)
    cache.set(version_time_key(value), time.time(), timeout=VERSION_TIME_SECONDS)
    if removal:
        cache.set(REMOVAL_KEY, value, timeout=None)
    return value


def _content_committed() -> None:
    bump_content_version()
    content_committed.send(sender=None, removal=False)


def _removal_committed() -> None:
    bump_content_version(removal=True)
    content_committed.send(sender=None, removal=True)


def bump_content_version_now_and_on_commit(*, removal: bool = False) -> None:
    """Invalidate at once (this transaction reads its own writes) and again after commit.

    The second bump matters: a reader on another connection who fetches a page between the
    first bump and the commit still sees the old rows and would cache them under the new
    version. `removal` says the write may take something off the site.
    """
    bump_content_version()
    transaction.on_commit(_removal_committed if removal else _content_committed)


def next_due_time(now: datetime) -> datetime | None:
    """The next time a live story or round-up is due to appear or to be taken down."""
    from stories.models import LIVE_STATUSES, RoundUp, Story

    times = []
    for model in (Story, RoundUp):
        live = model.objects.filter(status__in=LIVE_STATUSES)
        for field in ("published_at", "unpublish_at"):
            first = (
                live.filter(**{f"{field}__gt": now})
                .order_by(field)
                .values_list(field, flat=True)
                .first()
            )
            if first is not None:
                times.append(first)
    return min(times, default=None)


def content_version() -> int:
    """The current content version: part of the key of everything cached from content."""
    return _version_from(cache.get_many([VERSION_KEY, NEXT_DUE_KEY]))


def content_version_and(key: str, fetched: dict | None = None) -> tuple[int, Any]:
    """The current content version and what the cache holds under key, in one round trip: for
    values stored under a fixed key with the version they were made from. `fetched`: what the
    cache held under `content_version_keys(key)`, read already in another round trip."""
    values = cache.get_many(content_version_keys(key)) if fetched is None else fetched
    return _version_from(values), values.get(key)


def content_version_keys(key: str) -> list[str]:
    return [VERSION_KEY, NEXT_DUE_KEY, key]


def _version_from(values: dict) -> int:
    """The version given what the cache holds under VERSION_KEY and NEXT_DUE_KEY."""
    now = time.time()
    version = values.get(VERSION_KEY)
    next_due = values.get(NEXT_DUE_KEY)
    if version is None and not cache_is_available():
        # Nothing can be found or stored under any version: no need to ask the database.
        return _fresh_version()
    if version is None:
        version = _start_version(VERSION_KEY)
    if next_due is not None and (next_due == NOTHING_DUE or next_due > now):
        return version
    if next_due is not None:
        # A scheduled publication or take-down has come: what readers may see has changed, and
        # it may be a removal.
        version = bump_content_version(removal=True)
        content_committed.send(sender=None, removal=True)
    try:
        due = next_due_time(timezone.now())
    except DatabaseError:
        cache.set(NEXT_DUE_KEY, NOTHING_DUE, timeout=NO_DATABASE_RECHECK_SECONDS)
        return version
    if due is None:
        cache.set(NEXT_DUE_KEY, NOTHING_DUE, timeout=NO_DUE_RECHECK_SECONDS)
    else:
        cache.set(NEXT_DUE_KEY, due.timestamp(), timeout=None)
    return version


# --- Expensive values ---------------------------------------------------------------------------

# How long a computation may hold its lock: past this, its process is taken for dead and another
# one computes. Statements of web requests are cut off long before (DATABASE_STATEMENT_TIMEOUT).
COMPUTING_LOCK_SECONDS = 120
COMPUTING_POLL_SECONDS = 0.05


def get_or_compute_once(key: str, compute, timeout: int):
    """The cached value, or the value computed by one request while the others wait for it.

    After a publication every reader of a finder state misses its counts at once; without this
    each of them would run the same statement, side by side on the same CPUs. A reader that
    finds the value being computed waits for it as long as the computation holds its lock, and
    never starts the same statement beside it: only when the lock is gone without a value
    (the computation failed, or its process died and the lock expired) does it try again.
    """
    value = cache.get(key)
    if value is not None:
        return value
    if not cache_is_available():
        return compute()  # nobody could hand the value over
    lock = f"{key}:computing"
    for _attempt in range(3):
        if cache.add(lock, 1, timeout=COMPUTING_LOCK_SECONDS):
            try:
                value = compute()
                cache.set(key, value, timeout)
            finally:
                cache.delete(lock)
            return value
        value = wait_for(key, lock)
        if value is not None:
            return value
    return compute()  # the cache keeps losing the lock: compute rather than wait again


def wait_for(key: str, lock: str, *, seconds: float = COMPUTING_LOCK_SECONDS):
    """The value under key once it comes, or None when the lock is released without it (or
    `seconds` have passed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(COMPUTING_POLL_SECONDS)
        found = cache.get_many([key, lock])
        if found.get(key) is not None:
            return found[key]
        if lock not in found:
            return cache.get(key)
    return None


# --- Page cache ---------------------------------------------------------------------------------

# Responses carrying these are personal or say they must not be stored.
PRIVATE_CACHE_CONTROL = {"private", "no-cache", "no-store"}
# The longest a page waiting for its counts is served from the page cache.
PROVISIONAL_PAGE_SECONDS = 5
# Headers a cached response may vary on: the key covers everything else a reader can send.
HARMLESS_VARY = {"cookie", "accept-encoding"}


def _excluded_prefixes() -> tuple[str, ...]:
    return (*settings.PAGE_CACHE_EXCLUDED_PATHS, reverse("admin:index"))


def page_cache_key(request: HttpRequest) -> str:
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    return f"page:{url}"


class ReaderPageCacheMiddleware:
    """Serve anonymous readers whole pages from the cache, stored by URL with their content version.

    A request with a session cookie (editors, moderators) or a pending message always goes to
    the view, and so does anything under the admin. Only plain 200 responses that set no cookie,
    did not hand out a CSRF token and do not say `private`/`no-cache`/`no-store` are stored:
    drafts shown as previews carry `no-cache`. Stored pages get an ETag and a Last-Modified date
    and ask browsers to revalidate (`max-age=0`), so a saved change shows on the next request
    while unchanged pages and feeds cost a 304.

    A page is stored under its URL alone, with the version it was rendered from: the page and
    the current version then come back in one round trip, and a page of an older version is
    rendered again and replaced.

    A finder page listed while its counts are being made (`no-cache`, with the key its counts
    will be stored under as `response.page_cached_until`) is served from here too, for at most
    PROVISIONAL_PAGE_SECONDS and only until that key exists: at a million stories a state's
    first count takes seconds, and every reader meanwhile would render the page again.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.excluded = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies_to(request):
            return self.get_response(request)
        key = page_cache_key(request)
        version, stored = content_version_and(key)
        # (An entry of another shape was stored by an earlier release: rendered again.)
        if stored is not None and stored[0] == version and len(stored) == 5:
            _, status, headers, content, replaced_by = stored
            if replaced_by is None or not cache.has_key(replaced_by):
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response.headers[name] = value
                return response
        response = self.get_response(request)
        if request.method == "GET" and self.is_storable(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            if not response.has_header("ETag"):
                set_response_etag(response)
            if not response.has_header("Last-Modified"):
                response.headers["Last-Modified"] = http_date()
            headers = list(response.headers.items())
            replaced_by = getattr(response, "page_cached_until", None)
            stored = (version, response.status_code, headers, response.content, replaced_by)
            seconds = self.seconds if replaced_by is None else PROVISIONAL_PAGE_SECONDS
            cache.set(key, stored, min(seconds, self.seconds))
        return response

    def applies_to(self, request: HttpRequest) -> bool:
        if self.seconds <= 0 or request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        if self.excluded is None:
            self.excluded = _excluded_prefixes()
        return not request.path.startswith(self.excluded)

    def is_storable(self, request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        cache_control = {
            part.split("=")[0].strip().lower()
            for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        refused = PRIVATE_CACHE_CONTROL
        if getattr(response, "page_cached_until", None) is not None:
            refused = refused - {"no-cache"}
        if cache_control & refused:
            return False
        vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
        return (vary - {""}) <= HARMLESS_VARY
