from django import template
from django.utils.safestring import mark_safe

from stories.images import rendition
from stories.richtext import sanitize_html

register = template.Library()


@register.filter
def sanitized(html: str) -> str:
    """Sanitise stored HTML again on the way out, in case it was written around the model."""
    return mark_safe(sanitize_html(html or ""))  # noqa: S308 - nh3 has just cleaned it


@register.simple_tag
def image_rendition(image_field, width: int):
    return rendition(image_field, width)
