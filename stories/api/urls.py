from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from stories.api import views

app_name = "api"

router = SimpleRouter()
router.register("stories", views.StoryViewSet, basename="story")
router.register("digests", views.DigestViewSet, basename="digest")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("regions", views.RegionViewSet, basename="region")
router.register("organizations", views.OrganizationViewSet, basename="organization")

EXPORT = r"export\.(?P<export_format>csv|jsonl)$"
export = {"get": "export"}

urlpatterns = [
    path("", views.api_root, name="root"),
    re_path(rf"^stories/{EXPORT}", views.StoryViewSet.as_view(export), name="story-export"),
    re_path(rf"^digests/{EXPORT}", views.DigestViewSet.as_view(export), name="digest-export"),
    re_path(rf"^deadlines/{EXPORT}", views.DeadlineViewSet.as_view(export), name="deadline-export"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
