"""Stand-ins for failing services (a port that never answers, a proxy that can hang), and the site
served as in production to put them under load."""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"
BASE_DIR = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class BlackHole:
    """Accepts connections and never answers, like a hung server; counts who came."""

    def __init__(self):
        self.listener = socket.create_server((HOST, 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self.held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                peer, _ = self.listener.accept()
            except OSError:
                return  # closed
            self.accepted += 1
            self.held.append(peer)

    def __enter__(self) -> BlackHole:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.listener.close()
        self._thread.join(timeout=5)
        for peer in self.held:
            peer.close()


class Proxy:
    """Relays TCP to a real server until told to hang: then it holds every connection, old and
    new, and passes nothing on (a server that stopped, seen from its clients), until resumed."""

    def __init__(self, target_port: int, target_host: str = HOST):
        self.target = (target_host, target_port)
        self.listener = socket.create_server((HOST, 0), backlog=128)
        self.listener.setblocking(False)
        self.port = self.listener.getsockname()[1]
        self.hanging = threading.Event()
        self.accepted = 0
        self._stop = threading.Event()
        self._pairs: dict[socket.socket, socket.socket] = {}
        self._held: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def hang(self) -> None:
        self.hanging.set()

    def resume(self) -> None:
        """Relay again; connections held while hanging are closed, as a restarted server's are."""
        with self._lock:
            for sock in [*self._pairs, *self._held]:
                with contextlib.suppress(OSError):
                    sock.close()
            self._pairs.clear()
            self._held.clear()
            self.hanging.clear()

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                watched = [] if self.hanging.is_set() else list(self._pairs)
            with selectors.DefaultSelector() as selector:
                selector.register(self.listener, selectors.EVENT_READ)
                for sock in watched:
                    with contextlib.suppress(KeyError, ValueError, OSError):
                        selector.register(sock, selectors.EVENT_READ)
                ready = [key.fileobj for key, _ in selector.select(timeout=0.05)]
            for sock in ready:
                if sock is self.listener:
                    self._accept()
                else:
                    self._relay(sock)

    def _accept(self) -> None:
        try:
            client, _ = self.listener.accept()
        except BlockingIOError:
            return
        self.accepted += 1
        with self._lock:
            if self.hanging.is_set():
                self._held.append(client)
                return
        try:
            server = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._pairs[client] = server
            self._pairs[server] = client

    def _relay(self, source: socket.socket) -> None:
        with self._lock:
            if self.hanging.is_set() or source not in self._pairs:
                return
            destination = self._pairs[source]
        try:
            data = source.recv(65536)
            if data:
                destination.sendall(data)
                return
        except OSError:
            pass
        with self._lock:
            for sock in (source, destination):
                self._pairs.pop(sock, None)
                with contextlib.suppress(OSError):
                    sock.close()

    def __enter__(self) -> Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.listener.close()
        self.resume()


class Site:
    """The site served by gunicorn as in production (DEBUG off, gthread workers), on a free port,
    with the given environment on top of this process's."""

    def __init__(self, static_root, **environment: str):
        self.port = closed_port()
        self.log = tempfile.NamedTemporaryFile(prefix="newsroom-resilience-")  # noqa: SIM115
        self.environment = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE": "0",
            "STATIC_ROOT": str(static_root),
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            "GUNICORN_LOG_LEVEL": "warning",
            "LOG_LEVEL": "ERROR",
            **environment,
        }

    def __enter__(self) -> Site:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-c", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                self.get("/robots.txt")
                return self
            except OSError:
                time.sleep(0.2)
        output = self.output()
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start:\n{output}")

    def __exit__(self, *exc_info) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-5000:]

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes, float]:
        """One request on a connection of its own: status, body and seconds taken."""
        began = time.monotonic()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers={"Accept-Encoding": "identity"})
            response = connection.getresponse()
            return response.status, response.read(), time.monotonic() - began
        finally:
            connection.close()
