"""Links from a finder page to the same selection as data (stories.api)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()

# The API list behind each finder page.
API_FOR = {
    "stories:story_list": "story",
    "stories:roundup_list": "digest",
    "stories:deadline_list": "deadline",
}


@register.inclusion_tag("includes/data_links.html", takes_context=True)
def data_links(context) -> dict:
    """The page's selection (its valid filters) as an API query, a CSV and a JSON Lines file."""
    match = getattr(context.get("request"), "resolver_match", None)
    name = API_FOR.get(match.view_name) if match else None
    if name is None:
        return {}
    filterset = context.get("filter")
    params = filterset.normalised_params() if filterset is not None else []
    query = f"?{urlencode(params)}" if params else ""

    def export(export_format: str) -> str:
        return reverse(f"api:{name}-export", kwargs={"export_format": export_format}) + query

    return {
        "api_url": reverse(f"api:{name}-list") + query,
        "csv_url": export("csv"),
        "jsonl_url": export("jsonl"),
        "docs_url": reverse("api:docs"),
    }
