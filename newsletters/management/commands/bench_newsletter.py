"""Measure newsletter sending: N confirmed subscribers, real Celery workers, a local SMTP sink.

    manage.py bench_newsletter --size 100000 --workers 2 --concurrency 2

Creates the subscribers and a published round-up in the configured database (use PostgreSQL,
e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_newsletter), starts the workers
against Redis (--broker, default redis://127.0.0.1:6379/5, a queue of the run's own), queues the
newsletter as publication does, and reports messages per second and the workers' peak memory.
It checks that every subscriber got exactly one message, then stops the workers (by PID) and
deletes what it created. Needs aiosmtpd (`pip install -e ".[test]"`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from newsletters import services
from newsletters.models import Newsletter, Subscriber, Subscription
from newsletters.sending import newsletter_stats
from stories.models import RoundUp, Story

BASE_DIR = Path(settings.BASE_DIR)
DOMAIN = "bench.invalid"


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


class Command(BaseCommand):
    help = "Send a newsletter to N generated subscribers through workers and a local SMTP sink."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=1000)
        parser.add_argument("--workers", type=int, default=1, help="celery worker processes")
        parser.add_argument("--concurrency", type=int, default=2, help="pool processes per worker")
        parser.add_argument("--batch-size", type=int, default=settings.NEWSLETTER_BATCH_SIZE)
        parser.add_argument(
            "--broker",
            default=os.environ.get("NEWSLETTER_BENCH_BROKER_URL", "redis://127.0.0.1:6379/5"),
        )
        parser.add_argument("--timeout", type=float, default=3600)

    def handle(self, *args, size, workers, concurrency, batch_size, broker, timeout, **options):
        try:
            from newsletters.smtp_sink import Sink
        except ImportError as error:  # pragma: no cover
            raise CommandError("The benchmark needs aiosmtpd: pip install aiosmtpd") from error
        from newsroom.celery import app

        queue = f"newsroom-bench-{uuid.uuid4().hex[:8]}"
        self.stdout.write(
            f"{connection.vendor}, {size} subscribers, {workers} worker(s) × {concurrency}"
        )
        started = time.monotonic()
        roundup = self.create(size)
        self.stdout.write(f"Created in {time.monotonic() - started:.1f} s.")
        app.conf.update(
            task_always_eager=False,
            broker_url=broker,
            task_default_queue=queue,
            broker_transport_options={"socket_timeout": 10, "socket_connect_timeout": 5},
        )
        processes = []
        try:
            with Sink(keep_messages=False) as sink:
                env = {
                    **os.environ,
                    "CELERY_BROKER_URL": broker,
                    "CELERY_QUEUE": queue,
                    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "EMAIL_HOST": "127.0.0.1",
                    "EMAIL_PORT": str(sink.port),
                    "NEWSLETTER_BATCH_SIZE": str(batch_size),
                    "LOG_LEVEL": "ERROR",
                }
                logs = []
                for number in range(workers):
                    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the run
                    logs.append(log)
                    processes.append(
                        subprocess.Popen(
                            [
                                sys.executable, "-m", "celery", "-A", "newsroom", "worker",
                                "-Q", queue, "--concurrency", str(concurrency),
                                "-n", f"bench{number}@%h", "--loglevel", "ERROR",
                                "--without-gossip", "--without-mingle", "--without-heartbeat",
                            ],
                            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                        )
                    )  # fmt: skip
                time.sleep(3)  # the workers connect; their start-up is not what is measured
                began = time.monotonic()
                services.newsletter_queue(roundup=roundup)
                peak_tree, peak_process = 0, 0
                while sink.count < size and time.monotonic() - began < timeout:
                    for process in processes:
                        if process.poll() is not None:
                            raise CommandError(f"A worker stopped: {self.tail(logs)}")
                        pids = [process.pid, *children(process.pid)]
                        sizes = [rss_kib(pid) for pid in pids]
                        peak_tree = max(peak_tree, sum(sizes))
                        peak_process = max(peak_process, *sizes)
                    time.sleep(0.5)
                seconds = time.monotonic() - began
                time.sleep(2)  # anything sent twice arrives now
                counts = sink.recipients
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        newsletter = Newsletter.objects.get(roundup=roundup)
        stats = newsletter_stats(newsletter)
        sent = sum(counts.values())
        repeated = sum(1 for n in counts.values() if n > 1)
        self.stdout.write(
            f"Sent {sent} messages to {len(counts)} addresses in {seconds:.1f} s: "
            f"{sent / seconds:.0f} messages/s.\n"
            f"Peak worker memory: {peak_tree / 1024:.0f} MiB per worker (main process and pool), "
            f"{peak_process / 1024:.0f} MiB in the largest process.\n"
            f"Deliveries: {stats['sent']} sent, {stats['failed']} failed; "
            f"addresses sent more than once: {repeated}."
        )
        self.delete(roundup)
        for log in logs:
            log.close()
        if len(counts) != size or repeated:
            raise CommandError("Not every subscriber got exactly one message.")

    def tail(self, logs) -> str:
        texts = []
        for log in logs:
            log.seek(0)
            texts.append(log.read().decode(errors="replace")[-2000:])
        return "\n".join(texts)

    @transaction.atomic
    def create(self, size: int) -> RoundUp:
        now = timezone.now()
        tag = uuid.uuid4().hex[:8]
        story = Story.objects.create(
            title=f"Benchmark story {tag}",
            slug=f"bench-{tag}",
            summary="A story sent in the newsletter benchmark.",
            status="published",
            published_at=now,
        )
        number = RoundUp.objects.order_by("-number").values_list("number", flat=True).first() or 0
        roundup = RoundUp.objects.create(
            number=number + 1,
            title=f"Benchmark digest {tag}",
            slug=f"bench-digest-{tag}",
            lead_story=story,
            status="published",
            published_at=now,
        )
        for start in range(0, size, 5000):
            readers = Subscriber.objects.bulk_create(
                Subscriber(email=f"bench-{tag}-{n}@{DOMAIN}")
                for n in range(start, min(size, start + 5000))
            )
            Subscription.objects.bulk_create(
                Subscription(
                    subscriber=reader,
                    kind=Subscription.Kind.DIGEST,
                    name="The weekly digest",
                    status=Subscription.Status.CONFIRMED,
                    confirmed_at=now,
                )
                for reader in readers
            )
        return roundup

    def delete(self, roundup: RoundUp) -> None:
        lead = roundup.lead_story
        Newsletter.objects.filter(roundup=roundup).delete()
        roundup.delete()
        lead.delete()
        Subscriber.objects.filter(email__endswith=f"@{DOMAIN}").delete()
