from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Editorial content"

    def ready(self):
        from django.db.models.signals import pre_save

        from newsroom.text import clean_text_fields

        # Imported for their receivers: cache invalidation, and the search vectors kept up to date.
        from stories import counts, search, signals  # noqa: F401

        # Control characters leave every text field of the project's models before it is saved.
        pre_save.connect(clean_text_fields, dispatch_uid="newsroom.text.clean_text_fields")
