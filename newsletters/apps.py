from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters and alerts"

    def ready(self):
        # Imported for its receiver: the provider's bounces and complaints suppress addresses.
        from newsletters import webhooks  # noqa: F401
