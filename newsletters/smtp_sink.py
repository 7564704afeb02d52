"""A local SMTP server that keeps what it receives: for the end-to-end tests and the benchmark.

Needs aiosmtpd (a test dependency). Ports come from NEWSLETTER_SINK_PORTS (8140-8149 by
default), the first one free.
"""

from __future__ import annotations

import os
import socket
import threading
from collections import Counter
from email import message_from_bytes, policy

HOST = "127.0.0.1"


def free_port() -> int:
    first, _, last = os.environ.get("NEWSLETTER_SINK_PORTS", "8140-8149").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {first}-{last} for the SMTP sink.")


class Collector:
    """aiosmtpd handler: counts recipients; keeps whole messages unless told not to."""

    def __init__(self, keep_messages: bool = True):
        self.keep_messages = keep_messages
        self.messages = []
        self.recipients: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.received = threading.Condition(self.lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.recipients.update(envelope.rcpt_tos)
            if self.keep_messages:
                self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.received.notify_all()
        return "250 OK"

    @property
    def count(self) -> int:
        with self.lock:
            return sum(self.recipients.values())

    def wait_for(self, count: int, timeout: float) -> bool:
        with self.received:
            return self.received.wait_for(lambda: sum(self.recipients.values()) >= count, timeout)


class Sink:
    def __init__(self, keep_messages: bool = True):
        from aiosmtpd.controller import Controller

        self.collector = Collector(keep_messages)
        self.port = free_port()
        self.controller = Controller(self.collector, hostname=HOST, port=self.port)

    def __enter__(self) -> Collector:
        self.controller.start()
        self.collector.port = self.port
        return self.collector

    def __exit__(self, *exc_info) -> None:
        self.controller.stop()
