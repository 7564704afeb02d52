"""A real Celery worker on the local Redis sends a newsletter: started here, stopped by its PID.

The worker and this test share a database of their own (a SQLite file, migrated here), since the
suite's test database lives inside the test process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import redis

from newsletters.smtp_sink import Sink

BASE_DIR = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("NEWSLETTER_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
READERS = 25

SET_UP = f"""
from django.utils import timezone
from newsletters import services
from newsletters.models import Subscriber, Subscription
from stories.models import RoundUp, Story
now = timezone.now()
story = Story.objects.create(title="Worker story", slug="worker-story", summary="Sent by a worker.",
                             status="published", published_at=now)
draft = Story.objects.create(title="A draft", slug="a-draft", summary="Never sent.")
roundup = RoundUp.objects.create(number=1, title="Worker digest", slug="worker-digest",
                                 lead_story=story, status="published", published_at=now)
for n in range({READERS}):
    reader = Subscriber.objects.create(email=f"w{{n}}@example.net")
    Subscription.objects.create(subscriber=reader, kind="digest", name="The weekly digest",
                                status="confirmed", confirmed_at=now)
services.newsletter_queue(roundup=roundup)
"""

REPORT = """
from newsletters.models import Newsletter
from newsletters.sending import newsletter_stats
newsletter = Newsletter.objects.get()
stats = newsletter_stats(newsletter)
print(newsletter.status, newsletter.recipients, stats["sent"], stats["failed"])
"""


def broker_available() -> bool:
    try:
        return bool(redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def environment(tmp_path):
    queue = f"newsroom-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "worker-test-only",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "NEWSLETTER_BATCH_SIZE": "7",
        "LOG_LEVEL": "ERROR",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    yield env
    client = redis.Redis.from_url(BROKER_URL)
    client.delete(queue)
    client.close()


def manage(env, *args: str, timeout: float = 180) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.skipif(not broker_available(), reason=f"needs Redis at {BROKER_URL}")
def test_a_real_worker_sends_the_newsletter_once_to_each_reader(environment):
    manage(environment, "migrate", "--no-input", "-v0")
    with Sink(keep_messages=False) as sink, tempfile.TemporaryFile() as log:
        environment["EMAIL_PORT"] = str(sink.port)
        worker = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "newsroom", "worker",
                "-Q", environment["CELERY_QUEUE"], "--concurrency", "1", "--loglevel", "WARNING",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            manage(environment, "shell", "-c", SET_UP)
            delivered = sink.wait_for(READERS, timeout=180)
            time.sleep(2)  # anything sent twice would arrive now
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            log.seek(0)
            output = log.read().decode(errors="replace")[-5000:]
        assert delivered, output
        assert sink.recipients == Counter({f"w{n}@example.net": 1 for n in range(READERS)})
    report = manage(environment, "shell", "-c", REPORT).strip().splitlines()[-1]
    status, recipients, sent, failed = report.split()
    assert (status, recipients, sent, failed) == ("sent", str(READERS), str(READERS), "0")
