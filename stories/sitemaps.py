"""The sitemap: published stories and digests, and the theme, place and organization pages that
lead to some. Items come from `published()`; lastmod is the newest change a page shows.

/sitemap.xml is an index of one sitemap per section, so an archive of any size stays within the
protocol's 50,000 URLs per file.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from organizations.models import Organization
from stories.models import Region, RoundUp, Story, Topic


class SiteSitemap(Sitemap):
    """Absolute URLs from settings.SITE_URL, like the rest of the site's links."""

    # Below the protocol's 50,000: a file of a few thousand URLs renders in about a second.
    limit = 2000

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.partition("://")[0]

    def get_domain(self, site=None):
        return settings.SITE_URL.partition("://")[2]


def linked_ids(field: str) -> set[int]:
    """Ids of the topics, regions or organizations that published stories are linked to."""
    through = getattr(Story, field).through
    column = f"{field[:-1]}_id"
    published = Story.objects.published().values("pk")
    return set(
        through.objects.filter(story__in=published).values_list(column, flat=True).distinct()
    )


class StorySitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Story.objects.published().order_by("-published_at", "-pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class RoundUpSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return RoundUp.objects.published().order_by("-published_at").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        linked = linked_ids("topics")
        parents = Topic.objects.filter(pk__in=linked, parent__isnull=False).values("parent")
        return Topic.objects.filter(pk__in=[*linked, *parents.values_list("parent", flat=True)])


class RegionSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        # Places with content, as the region filter covers them: tagged directly, through a
        # place inside them, or through a member country.
        linked = linked_ids("regions")
        regions = list(Region.objects.order_by("slug"))
        paths = [r.path for r in regions if r.pk in linked and r.path]
        groupings = set(
            Region.members.through.objects.filter(to_region_id__in=linked).values_list(
                "from_region_id", flat=True
            )
        )
        return [
            region
            for region in regions
            if region.pk in linked
            or region.pk in groupings
            or (region.path and any(path.startswith(region.path) for path in paths))
        ]


class OrganizationSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        through = Story.organizations.through.objects.filter(
            story__in=Story.objects.published().values("pk")
        )
        latest = dict(
            through.values("organization_id")
            .annotate(last=Max("story__updated_at"))
            .values_list("organization_id", "last")
        )
        organizations = list(Organization.objects.approved().filter(pk__in=latest).order_by("slug"))
        for organization in organizations:
            organization.last_story = latest[organization.pk]
        return organizations

    def lastmod(self, item):
        return max(item.updated_at, item.last_story)


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


@x_robots_tag
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """The index of section sitemaps, with SITE_URL addresses like the sitemaps themselves."""
    items = []
    for section, sitemap_class in SITEMAPS.items():
        url = settings.SITE_URL + reverse("stories:sitemap_section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages if section in PAGINATED else 1
        items.append(SitemapIndexItem(url))
        items += [SitemapIndexItem(f"{url}?p={page}") for page in range(2, pages + 1)]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
