"""The task queue: Celery with Redis as the broker, configured from Django's settings.

With no broker configured (`make run`, the tests) tasks run eagerly in the process that queues
them, so the embedded default shows every email and send without a worker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
