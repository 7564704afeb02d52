import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from stories.cards import render_cards
from stories.images import rendition
from stories.richtext import sanitize_html
from stories.search import highlight, parse_terms

register = template.Library()


@register.filter
def sanitized(html: str) -> str:
    """Sanitise stored HTML again on the way out, in case it was written around the model."""
    return mark_safe(sanitize_html(html or ""))  # noqa: S308 - nh3 has just cleaned it


@register.filter
def cards(items, search_text: str = ""):
    """The rendered cards of a list of stories or digests: `{% for card in stories|cards %}`."""
    return render_cards(items, search_text or "")


@register.simple_tag
def image_rendition(image_field, width: int):
    return rendition(image_field, width)


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data) -> str:
    """A schema.org block: data, not script, so it needs no CSP nonce; <, > and & escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def highlighted(text: str, search_text: str = "") -> str:
    """Escape text, marking the searched words (PostgreSQL marks them itself in headlines)."""
    required, _ = parse_terms(search_text or "")
    return highlight(text, required)


@register.inclusion_tag("includes/responsive_image.html")
def responsive_img(
    image: dict | None, sizes: str = "(min-width: 50rem) 46rem, 100vw", loading: str = "lazy"
):
    """An <img> with its renditions; `loading="eager"` for the one image above the fold."""
    return {"image": image, "sizes": sizes, "eager": loading == "eager"}


@register.simple_tag
def story_image(story) -> dict | None:
    """The renditions of a story's image, with its alt text: None when it has none."""
    from stories.views import responsive_image  # views import this module's siblings

    return responsive_image(story.image, story.image_alt)


@register.simple_tag(takes_context=True)
def facet_options_url(context, facet: str) -> str:
    """The full list of one finder facet's options, in the finder's current state; empty for a
    finder that has no such list."""
    try:
        url = reverse(context.get("options_view", ""), kwargs={"facet": facet})
    except NoReverseMatch:
        return ""
    query = context.get("options_query")
    return f"{url}?{query}" if query else url


@register.filter
def thousands(number) -> str:
    """12345 -> "12,345" (one language, no locale machinery: USE_I18N is off)."""
    try:
        return f"{int(number):,}"
    except (TypeError, ValueError):
        return ""
