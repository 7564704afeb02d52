from django.apps import AppConfig


class HelplinesConfig(AppConfig):
    name = "helplines"
    verbose_name = "Help for readers"

    def ready(self):
        # Imported for its receivers: cached pages move on when a help contact changes.
        from helplines import signals  # noqa: F401
