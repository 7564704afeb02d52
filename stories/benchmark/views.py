from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def baseline(request: HttpRequest) -> HttpResponse:
    """A fixed short page through the whole middleware stack: the ceiling any page can reach."""
    return HttpResponse(b"ok", content_type="text/plain")
