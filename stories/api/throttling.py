"""Who is asking, and how often they may: anonymous clients by address, partners by API key.

A key is sent as `X-API-Key: <key>`. A key that is unknown, malformed or revoked is refused with a
401 rather than served at the anonymous rate: a partner whose key stopped working must find out,
not be slowed down without a word.

Counts live in the cache (Redis in production). Without Redis the counts are forgotten and no
client is slowed down: the site stays up for everyone rather than refusing everyone.

Each client's requests are counted in a window of the rate's period that opens with its first
request (as GitHub's API counts by the hour), with one atomic increment per request.
DRF's own throttle keeps a timestamp per request instead and reads and writes that whole list on
every request (thousands of entries for a partner allowed thousands a minute), and two requests
at once can each drop the other's entry. The price of a window is a burst of up to twice the rate
across its boundary; a refused request is not counted, as in DRF.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.throttling import SimpleRateThrottle

from newsroom.security import client_ip
from stories.models import ApiKey

HEADER = "HTTP_X_API_KEY"


class ApiKeyAuthentication(BaseAuthentication):
    """`request.auth` is the ApiKey of a request that sent one; there are no API users."""

    def authenticate(self, request):
        key = request.META.get(HEADER)
        if key is None:
            return None
        api_key = ApiKey.objects.matching(key.strip())
        if api_key is None:
            raise exceptions.AuthenticationFailed(
                "This API key is unknown or was revoked: send none to use the anonymous rate."
            )
        return (AnonymousUser(), api_key)

    def authenticate_header(self, request) -> str:
        return 'X-API-Key realm="api"'


class ClientRateThrottle(SimpleRateThrottle):
    """settings.API_ANONYMOUS_RATE per address, or the key's own rate per minute."""

    scope = "api"

    def __init__(self):
        self.rate = None  # chosen per request, in allow_request

    def allow_request(self, request, view):
        api_key = request.auth if isinstance(request.auth, ApiKey) else None
        if api_key is not None:
            self.num_requests, self.duration = api_key.requests_per_minute, 60
        else:
            self.num_requests, self.duration = self.parse_rate(settings.API_ANONYMOUS_RATE)
        key = self.get_cache_key(request, view)
        # What the view will read from the cache comes back with the count (one round trip).
        fetch = view.cache_keys(request) if hasattr(view, "cache_keys") else ()
        window = count_in_window(key, self.duration, fetch)
        if window is None:  # the cache is away: nobody is counted, nobody is refused
            return True
        counted, seconds_left, fetched = window
        if fetch:
            view.fetched = fetched
        if counted <= self.num_requests:
            return True
        cache.decr(key)
        self.retry_after = max(1, math.ceil(seconds_left))
        return False

    def wait(self) -> int:
        return self.retry_after

    def get_cache_key(self, request, view) -> str:
        # Not DRF's "throttle:" keys: where those still hold a list of timestamps, an increment
        # would fail.
        if isinstance(request.auth, ApiKey):
            return f"rate:api:key:{request.auth.pk}"
        return f"rate:api:ip:{client_ip(request) or 'unknown'}"


def count_in_window(key: str, seconds: int, fetch=()) -> tuple[int, float, dict] | None:
    """The request counted in the client's window: how many the window now holds, the seconds
    until it closes, and what the cache holds under the `fetch` keys; None if the cache is away."""
    backend = caches["default"]
    if hasattr(backend, "count_in_window"):  # Redis: one round trip
        return backend.count_in_window(key, seconds, fetch)
    if backend.add(key, 1, timeout=seconds):
        backend.set(f"{key}:closes", time.time() + seconds, timeout=seconds)
        return 1, seconds, backend.get_many(fetch)
    try:
        counted = backend.incr(key)
    except ValueError:  # the window closed meanwhile: this request opens the next one
        return count_in_window(key, seconds, fetch)
    closes = backend.get(f"{key}:closes") or time.time() + seconds
    return counted, closes - time.time(), backend.get_many(fetch)


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The key as the schema describes it: optional, in the X-API-Key header."""

    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-API-Key"}
