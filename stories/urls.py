from django.urls import path

from stories import calendars, feeds, preview, sitemaps, views

app_name = "stories"

urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="story_list"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story_detail"),
    path("digests/", views.RoundUpListView.as_view(), name="roundup_list"),
    path("digests/<slug:slug>/", views.RoundUpDetailView.as_view(), name="roundup_detail"),
    path("deadlines/", views.DeadlineListView.as_view(), name="deadline_list"),
    path("corrections/", views.CorrectionListView.as_view(), name="correction_list"),
    path("deadlines.ics", calendars.deadline_calendar, name="deadline_calendar"),
    path("stories/options/<str:facet>/", views.FacetOptionsView.as_view(), name="story_options"),
    path(
        "digests/options/<str:facet>/",
        views.RoundUpFacetOptionsView.as_view(),
        name="roundup_options",
    ),
    path("topics/", views.TopicIndexView.as_view(), name="topic_list"),
    path("regions/", views.RegionIndexView.as_view(), name="region_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("feeds/stories/", feeds.StoryFeed(), name="story_feed"),
    path("feeds/stories/atom/", feeds.StoryAtomFeed(), name="story_atom"),
    path("feeds/digests/", feeds.RoundUpFeed(), name="roundup_feed"),
    path("feeds/corrections/", feeds.CorrectionFeed(), name="correction_feed"),
    path("feeds/digests/atom/", feeds.RoundUpAtomFeed(), name="roundup_atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("preview/<str:token>/", preview.shared_preview, name="shared_preview"),
]
