"""Request plumbing for security: headers Django does not set, the client address behind a proxy."""

from __future__ import annotations

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses, so injected content cannot use them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def client_ip(request) -> str | None:
    """The address the trusted proxy saw: the last entry it appended to X-Forwarded-For."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    return addresses[-1] if addresses else request.META.get("REMOTE_ADDR")
