"""Take screenshots of the reader pages with headless Chromium, at phone and desktop widths.

Runs on a throwaway test database filled by `load_demo_content`, served by Django's live server
(static and media files included), so it neither needs nor touches the development database.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

# Debian's Chromium, started the way this machine's closed network needs (the browser tests too).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


def pages() -> dict[str, str]:
    """Home, the latest digest, the finder with two filters, an illustrated story, the deadlines
    finder, the country with the most stories (its page shows the help box), and the places and
    themes indexes."""
    from django.db.models import Count, Q

    from stories.facets import facets_for
    from stories.filters import StoryFilter
    from stories.models import Region, RoundUp, Story

    def busiest(facet_name: str, data: dict) -> str:
        filterset = StoryFilter(data=data, queryset=Story.objects.published())
        facet = next(f for f in facets_for(filterset) if f.name == facet_name)
        options = [o for o in facet.options if not o.selected]
        return max(options, key=lambda o: o.count).slug

    topic = busiest("topic", {})
    region = busiest("region", {"topic": topic})
    story = Story.objects.published().exclude(image="").first() or Story.objects.published().first()
    roundup = RoundUp.objects.published().first()
    if story is None or roundup is None:
        raise CommandError("The demo content has no published story or digest.")
    published = Q(stories__in=Story.objects.published())
    country = (
        Region.objects.countries()
        .annotate(published=Count("stories", filter=published))
        .order_by("-published", "name")
        .first()
    )
    return {
        "home": "/",
        "digest": roundup.get_absolute_url(),
        "finder": f"/stories/?topic={topic}&region={region}",
        "story": story.get_absolute_url(),
        "deadlines": "/deadlines/",
        "country": country.get_absolute_url(),
        "places": "/regions/",
        "themes": "/topics/",
    }


class Command(BaseCommand):
    help = (
        "Save PNG screenshots of the reader pages (home, a digest, the finders, a story, a "
        "country, the indexes) at phone and desktop widths."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs/screenshots"))
        parser.add_argument("--chromium", default=CHROMIUM, help="Path of the Chromium binary.")

    def handle(self, *args, **options):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError("Install Playwright for Python: pip install playwright") from error
        if not Path(options["chromium"]).exists():
            raise CommandError(f"No Chromium at {options['chromium']}: apt-get install -y chromium")
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)

        old_name = connection.settings_dict["NAME"]
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(
                MEDIA_ROOT=media,
                DEBUG=False,
                SECURE_SSL_REDIRECT=False,
                ALLOWED_HOSTS=["127.0.0.1", "localhost"],
                STORAGES={
                    **settings.STORAGES,
                    "staticfiles": {
                        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
                    },
                },
            ),
        ):
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            try:
                call_command("load_demo_content", stdout=io.StringIO())
                targets = pages()
                # An in-memory SQLite test database exists only on this connection: share it.
                shared = None
                if connection.vendor == "sqlite" and connection.is_in_memory_db():
                    shared = {"default": connections["default"]}
                    shared["default"].inc_thread_sharing()
                server = LiveServerThread("127.0.0.1", StaticFilesHandler, shared)
                server.daemon = True
                server.start()
                server.is_ready.wait()
                if server.error:
                    raise CommandError(f"The live server did not start: {server.error}")
                try:
                    base = f"http://127.0.0.1:{server.port}"
                    self.capture(sync_playwright, options["chromium"], base, targets, output)
                finally:
                    server.terminate()
                    if shared:
                        shared["default"].dec_thread_sharing()
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0)

    def capture(self, sync_playwright, chromium, base, targets, output):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                for device, (width, height) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    for name, path in targets.items():
                        response = page.goto(base + path, wait_until="load")
                        if response is None or response.status != 200:
                            status = response.status if response else "no response"
                            raise CommandError(f"{path} answered {status}")
                        # Lazy images below the fold load once scrolled to.
                        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                        page.wait_for_load_state("networkidle")
                        page.evaluate("window.scrollTo(0, 0)")
                        filename = output / f"{name}-{device}.png"
                        page.screenshot(path=str(filename), full_page=True)
                        self.stdout.write(f"{filename} ({path})")
                    context.close()
            finally:
                browser.close()
