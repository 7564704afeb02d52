"""Request plumbing for security: headers Django does not set, the client address behind a proxy,
and the sign-in lockout (django-axes) as the site configures it."""

from __future__ import annotations

import ipaddress
import logging
from functools import lru_cache

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum

logger = logging.getLogger(__name__)

# No account has a longer username (django.contrib.auth's limit), so two accounts never share a
# lockout record, and a pasted novel neither overflows the lockout table nor floods the log.
LOCKOUT_USERNAME_LENGTH = 150


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses, so injected content cannot use them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted_networks(allowed: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in allowed:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # "*" and typos trust nothing here: see is_trusted_proxy
    return tuple(networks)


def _address(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str | None, *, wildcard: bool = True) -> bool:
    """Whether the address is one of FORWARDED_ALLOW_IPS (addresses or networks, as gunicorn's)."""
    allowed = tuple(settings.FORWARDED_ALLOW_IPS)
    if wildcard and "*" in allowed:
        return True
    parsed = _address(address)
    return parsed is not None and any(parsed in net for net in _trusted_networks(allowed))


def client_ip(request) -> str | None:
    """The client's address: X-Forwarded-For counts only when a trusted proxy sent the request.

    Each proxy appends the address it received the request from, so the list is read from the
    right, past our own proxies, to the first address none of them has: the client. Anything to
    its left was written by the client and proves nothing. A client that reaches the app directly
    is known by its own address, whatever header it sends.
    """
    remote = request.META.get("REMOTE_ADDR")
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [part.strip() for part in forwarded.split(",") if part.strip()]
    for hop in reversed(hops):
        if not is_trusted_proxy(hop, wildcard=False):
            # A proxy that appended something other than an address is misconfigured: fall back
            # on its own address, which at least cannot be changed by the client.
            return hop if _address(hop) is not None else remote
    return hops[0] if hops else remote


def lockout_username(request, credentials: dict | None = None) -> str | None:
    """The username a sign-in attempt is counted and logged under, cut to the longest possible."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or {}).get(field)
    if username is None and request is not None:
        username = request.POST.get(field)
    if username is None:
        return None
    return str(username)[:LOCKOUT_USERNAME_LENGTH]


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' handler, plus a cap on failures for one username from all addresses together.

    The (username, address) pair is locked after AXES_FAILURE_LIMIT failures as before; a
    username is also locked everywhere after AXES_ACCOUNT_FAILURE_LIMIT failures from any number
    of addresses within the cool-off time, so an attacker cannot try a password list on one
    account by changing address every few tries.
    """

    def account_failures(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        attempts = AccessAttempt.objects.filter(username=username)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return self.account_failures(request, credentials) >= settings.AXES_ACCOUNT_FAILURE_LIMIT

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        failures = self.account_failures(request, credentials)
        if failures < settings.AXES_ACCOUNT_FAILURE_LIMIT:
            return
        username = get_client_username(request, credentials)
        logger.warning(
            'Locking out username "%s" at every address after %d failed sign-ins '
            '(the last from address "%s").',
            username,
            failures,
            request.axes_ip_address,
        )
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes", request=request, username=username, ip_address=request.axes_ip_address
        )
