"""The sitemap: published stories and digests, and the theme, place and organization pages that
lead to some. Items come from `published()`; lastmod is the newest change a page shows.

/sitemap.xml is an index of one sitemap per section, so an archive of any size stays within the
protocol's 50,000 URLs per file. Stories and digests are split by ranges of their ids rather than
by counting them: the index needs only the highest id (one index lookup), and a section reads its
range of the primary key, so both cost the same at a thousand stories and at a million. The
theme, place and organization sections list what the finder's facet counts (stories.counts,
recounted off the request path) say leads to published stories, instead of reading every link.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, InvalidPage
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date

from organizations.models import Organization
from stories.models import Region, RoundUp, Story, Topic


class SiteSitemap(Sitemap):
    """Absolute URLs from settings.SITE_URL, like the rest of the site's links."""

    # Below the protocol's 50,000: a file of a few thousand URLs renders in about a second.
    limit = 1000

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.partition("://")[0]

    def get_domain(self, site=None):
        return settings.SITE_URL.partition("://")[2]


def linked_ids(facet: str) -> set[int]:
    """Ids of the themes, places or organizations the finder counts published stories for:
    with the hierarchies rolled up, as their filters match (a continent, a grouping)."""
    from stories.counts import counts_for
    from stories.filters import StoryFilter

    counts = counts_for(StoryFilter(data={}, queryset=Story.objects.published()))
    return {pk for pk, n in counts.facets[facet][2].items() if n}


class IdRangePage:
    def __init__(self, object_list):
        self.object_list = object_list


class IdRangePaginator:
    """Pages of `per_page` ids each, numbered from the lowest: never counted, never offset."""

    def __init__(self, queryset, per_page: int):
        self.queryset, self.per_page = queryset, per_page

    @property
    def num_pages(self) -> int:
        highest = self.queryset.model._base_manager.aggregate(highest=Max("pk"))["highest"]
        return max(1, -(-(highest or 0) // self.per_page))

    def page(self, number) -> IdRangePage:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise InvalidPage("Page numbers are whole numbers.") from None
        if number < 1 or number > self.num_pages:
            raise EmptyPage("No such page.")
        first = (number - 1) * self.per_page + 1
        rows = self.queryset.filter(pk__gte=first, pk__lt=first + self.per_page).order_by("pk")
        return IdRangePage(list(rows))


class IdRangeSitemap(SiteSitemap):
    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)


class StorySitemap(IdRangeSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Story.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class RoundUpSitemap(IdRangeSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return RoundUp.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.filter(pk__in=linked_ids("topic")).order_by("slug")


class RegionSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        # Places with content, as the region filter covers them: tagged directly, through a
        # place inside them, or through a member country.
        return Region.objects.filter(pk__in=linked_ids("region")).order_by("slug")


class OrganizationSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    # No lastmod: the page changes with every story about the organization, and finding the
    # latest of each would read all their links.

    def items(self):
        linked = Organization.objects.approved().filter(pk__in=linked_ids("organization"))
        return linked.order_by("slug")


class PagesSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return ["home", "stories:story_list", "stories:roundup_list", "stories:deadline_list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    "digests": RoundUpSitemap,
    "stories": StorySitemap,
    "topics": TopicSitemap,
    "regions": RegionSitemap,
    "organizations": OrganizationSitemap,
}

# Sections that can outgrow one file; the others hold a few hundred URLs at most.
PAGINATED = ("digests", "stories")


SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def xml_response(root: str, entries: list[str], headers=None) -> HttpResponse:
    """The sitemap protocol's XML, written directly: through the template engine, a thousand
    entries took about 80 ms to render, more than everything else the request does."""
    return HttpResponse(
        f'{XML_DECLARATION}<{root} xmlns="{SITEMAP_NAMESPACE}">\n{"".join(entries)}\n</{root}>\n',
        content_type="application/xml",
        headers=headers,
    )


def lastmod_date(value) -> str:
    """The day of a lastmod in the site's time zone, as Django's sitemap template writes it."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.isoformat()


@x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of section sitemaps, with SITE_URL addresses like the sitemaps themselves."""
    locations = []
    for section, sitemap_class in SITEMAPS.items():
        url = settings.SITE_URL + reverse("stories:sitemap_section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages if section in PAGINATED else 1
        locations.append(url)
        locations += [f"{url}?p={page}" for page in range(2, pages + 1)]
    entries = [f"<sitemap><loc>{escape(location)}</loc></sitemap>" for location in locations]
    return xml_response("sitemapindex", entries)


@x_robots_tag
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One section's page of URLs, as django.contrib.sitemaps' view gives it."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap for section {section!r}.")
    sitemap = SITEMAPS[section]()
    page = request.GET.get("p", 1)
    try:
        urls = sitemap.get_urls(page=page)
    except InvalidPage:
        raise Http404(f"No page {page!r} of this sitemap.") from None
    entries = []
    for url in urls:
        parts = [f"<loc>{escape(url['location'])}</loc>"]
        if url["lastmod"]:
            parts.append(f"<lastmod>{lastmod_date(url['lastmod'])}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        entries.append(f"<url>{''.join(parts)}</url>")
    # As Django's view: a Last-Modified header when every item says when it changed.
    latest = getattr(sitemap, "latest_lastmod", None)
    headers = {"Last-Modified": http_date(latest.timestamp())} if latest else None
    return xml_response("urlset", entries, headers)
