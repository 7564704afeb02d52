from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="story_list"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story_detail"),
    path("digests/", views.RoundUpListView.as_view(), name="roundup_list"),
    path("digests/<slug:slug>/", views.RoundUpDetailView.as_view(), name="roundup_detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("regions/<slug:slug>/", views.RegionDetailView.as_view(), name="region_detail"),
]
