"""Pages rendered ahead of their first reader after a change.

When a change commits, the unfiltered finders are recounted off the request (stories.counts).
Their first reader would still render the page's cards and facet panel again: both are cached
under the version they were made at. The recount's task renders those pages itself right after,
as an anonymous reader over HTTP would, through the whole middleware stack: what it leaves in the
cache is what a reader's request would have left, and nothing is rendered twice by two paths.
"""

from __future__ import annotations

import io
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

logger = logging.getLogger("stories.warming")

# The pages the first reader after a change asks for most, by the finder state recounted.
PAGES = {"story": ("/", "/stories/"), "roundup": ("/digests/",)}


def warm(paths) -> None:
    """Render each page as an anonymous reader's GET. A page that fails is logged and left for
    its first reader, who renders it as before."""
    # Made for each call, as Django's test client makes one: middleware reads settings when made.
    handler = BaseHandler()
    handler.load_middleware()
    for path in paths:
        try:
            handler.get_response(_reader_request(path))
        except Exception:  # noqa: BLE001 - warming is an optimisation: a reader still renders it
            logger.exception("Page %s was not rendered ahead of its readers.", path)


def _reader_request(path: str) -> WSGIRequest:
    """A GET of the path by a reader with no cookies, at the site's own address."""
    site = urlsplit(settings.SITE_URL)
    https = site.scheme == "https"
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if https else 80)),
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": site.scheme or "http",
    }
    if https:
        environ["HTTPS"] = "on"
        environ["HTTP_X_FORWARDED_PROTO"] = "https"  # behind a proxy, as readers' requests come
    return WSGIRequest(environ)
