from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django import template
from django.http import QueryDict
from django.urls import reverse

from newsletters.selections import FINDER_PARAMS

register = template.Library()


@register.filter
def subscribe_url(finder_url: str) -> str:
    """The subscribe page for the selection a finder URL shows (its filters, no dates or pages)."""
    data = QueryDict(urlsplit(str(finder_url)).query)
    params = [(name, value) for name in FINDER_PARAMS for value in data.getlist(name)]
    url = reverse("newsletters:subscribe")
    return f"{url}?{urlencode(params)}" if params else f"{url}?{urlencode({'alerts': 1})}"


@register.inclusion_tag("newsletters/includes/digest_form.html")
def digest_signup(heading_level: int = 2):
    return {"heading_level": heading_level}
