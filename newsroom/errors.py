"""A refusal (403) explained in the look of the part of the site it happened in, logged once
as a line with the reason: a refusal is an answer, not a fault, so it carries no traceback."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.views import defaults

DEFAULT_REASON = "You do not have permission to do this."


def reason(exception) -> str:
    """The sentence a PermissionDenied was raised with (its first argument), or a default."""
    args = getattr(exception, "args", ())
    text = str(args[0]).strip() if args and args[0] else ""
    return text or DEFAULT_REASON


def permission_denied(request, exception=None):
    """handler403: admin pages answer in the admin's look with the reason."""
    if not request.path.startswith(f"/{settings.ADMIN_URL}"):
        return defaults.permission_denied(request, exception)
    context = {
        **admin.site.each_context(request),
        "title": "Not allowed",
        "reason": reason(exception),
    }
    response = TemplateResponse(request, "admin/403.html", context, status=403)
    return response.render()


class RefusalWithoutTraceback(logging.Filter):
    """On django.request: a 403's log line keeps its reason and drops the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            exception = record.exc_info[1]
            record.msg = f"{record.msg} (%s)"
            record.args = (*(record.args or ()), reason(exception))
            record.exc_info = None
            record.exc_text = None
        return True
