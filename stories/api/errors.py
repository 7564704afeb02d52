"""Refusals as JSON: every bad parameter is named, with what it accepts, never a 500."""

from __future__ import annotations

from django.http import Http404
from django.utils.cache import patch_cache_control
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

# What each parameter accepts, said next to every refusal of it.
ACCEPTED = {
    "q": "search words, at most 200 characters, no control characters",
    "topic": "theme slugs as listed at /api/v1/topics/; repeat the parameter for several",
    "region": "place or grouping slugs as listed at /api/v1/regions/; repeat for several",
    "organization": "organization slugs as listed at /api/v1/organizations/; repeat for several",
    "tag": "slugs of tags that published stories carry; repeat for several",
    "from": "a date as year-month-day, for example 2025-05-28",
    "to": "a date as year-month-day, on or after `from`",
    "open": "1 (only calls whose deadline is still ahead) or 0",
    "sort": "newest or relevance",
    "fields": "a comma-separated list of the endpoint's fields",
    "facets": "a comma-separated list of topic, region, organization, tag",
    "cursor": "the cursor of a `next` or `previous` link, unchanged",
    "page_size": "a whole number from 1 to the endpoint's limit",
    "format": "json",
}


class ParameterError(exceptions.ValidationError):
    """A 400 naming each refused query parameter: {parameter: [message, ...]}."""

    def __init__(self, errors: dict[str, list[str] | str]):
        super().__init__(
            {name: [m] if isinstance(m, str) else list(m) for name, m in errors.items()}
        )


def _parameter_errors(detail) -> list[dict]:
    errors = []
    if isinstance(detail, dict):
        for name, messages in detail.items():
            parameter = None if name in ("non_field_errors", "__all__") else name
            for message in messages if isinstance(messages, list) else [messages]:
                error = {"parameter": parameter, "message": str(message)}
                if parameter in ACCEPTED:
                    error["accepted"] = ACCEPTED[parameter]
                errors.append(error)
    else:
        for message in detail if isinstance(detail, list) else [detail]:
            errors.append({"parameter": None, "message": str(message)})
    return errors


def api_exception_handler(exc, context):
    """DRF's handler, with refused parameters listed by name in one shape."""
    if isinstance(exc, exceptions.ValidationError):
        return Response(
            {
                "detail": "The request's parameters were refused: see errors.",
                "errors": _parameter_errors(exc.detail),
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Nothing published is found at this address.")
    response = exception_handler(exc, context)
    if response is not None and response.status_code in (401, 403, 429):
        # About this client only: no shared cache may hand it to anyone else.
        patch_cache_control(response, private=True, no_store=True)
    return response
