"""The task queue: Celery with Redis as the broker, configured from Django's settings.

With no broker configured (`make run`, the tests) tasks run eagerly in the process that queues
them, so the embedded default shows every email and send without a worker.
"""

from __future__ import annotations

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.celeryd_init.connect
def patient_broker_for_workers(conf=None, **kwargs):
    """A worker waits on the broker (BRPOP): the web's one-second socket timeout would cut every
    wait short and drop the connection, so workers get CELERY_WORKER_BROKER_SOCKET_TIMEOUT."""
    timeout = float(os.environ.get("CELERY_WORKER_BROKER_SOCKET_TIMEOUT", "30"))
    options = dict(conf.broker_transport_options or {})
    options.update(socket_timeout=timeout, socket_connect_timeout=max(timeout / 3, 1))
    conf.broker_transport_options = options
    conf.broker_connection_timeout = max(timeout / 3, 1)
