"""The sitemap: published stories and digests, and the theme, place and organization pages that
lead to some. Items come from `published()`; lastmod is the newest change a page shows."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from organizations.models import Organization
from stories.facets import grouped_counts, story_pairs
from stories.models import Region, RoundUp, Story, Topic


class SiteSitemap(Sitemap):
    """Absolute URLs from settings.SITE_URL, like the rest of the site's links."""

    limit = 5000

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.partition("://")[0]

    def get_domain(self, site=None):
        return settings.SITE_URL.partition("://")[2]


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


def latest_story_change(through_field: str):
    """A subquery: when a published story linked to the outer object last changed."""
    stories = Story.objects.published().filter(**{through_field: OuterRef("pk")})
    return Subquery(
        stories.order_by().values(through_field).annotate(last=Max("updated_at")).values("last")
    )


class TopicSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        counts = grouped_counts("topic", story_pairs(Story.objects.published()))
        return Topic.objects.filter(pk__in=[pk for pk, n in counts.items() if n]).order_by("slug")


class RegionSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        # Places with content: tagged directly, or through their subtree or member countries.
        counts = grouped_counts("region", story_pairs(Story.objects.published()))
        return Region.objects.filter(pk__in=[pk for pk, n in counts.items() if n]).order_by("slug")


class OrganizationSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return (
            Organization.objects.annotate(last_story=latest_story_change("organizations"))
            .filter(last_story__isnull=False)
            .order_by("slug")
        )

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
