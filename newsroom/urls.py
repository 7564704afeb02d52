from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path

from newsroom.health import healthz
from stories import views as story_views

ADMIN_URL = settings.ADMIN_URL

handler500 = "newsroom.resilience.server_error"
handler403 = "newsroom.errors.permission_denied"


def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page's <link rel="icon"> says."""
    return HttpResponsePermanentRedirect(static_url("icons/favicon.ico"))


urlpatterns = [
    path("", story_views.HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path(ADMIN_URL, admin.site.urls),
    path("", include("stories.urls")),
    path("organizations/", include("organizations.urls")),
    path("", include("helplines.urls")),
    path("api/v1/", include("stories.api.urls")),
    path("", include("newsletters.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCHMARK_BASELINE:
    from stories.benchmark.views import baseline

    urlpatterns += [path("bench/baseline", baseline, name="bench_baseline")]
