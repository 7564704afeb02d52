from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Editorial content"

    def ready(self):
        # Imported for their receivers: cache invalidation, and the search vectors kept up to date.
        from stories import search, signals  # noqa: F401
