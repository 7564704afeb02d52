"""A small closed-loop HTTP load generator: N threads, keep-alive connections, loopback only."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

# However fast the server, a run stops after this many requests per page.
MAX_REQUESTS = 500_000


@dataclass
class PageResult:
    name: str
    path: str
    seconds: float
    requests: int
    errors: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    bytes: int

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def fetch(host: str, port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    """One request on a fresh connection (for warming up and checks)."""
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def drive(
    name: str,
    host: str,
    port: int,
    path: str | Callable[[], str],
    *,
    seconds: float,
    concurrency: int,
    headers: dict | None = None,
) -> PageResult:
    """Request the path from `concurrency` clients in a loop for `seconds`; collect latencies.

    `path` may be a function giving each request its own path (a search never asked before).
    """
    next_path = path if callable(path) else lambda: path
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("The load generator only talks to the loopback interface.")
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    sizes = [0] * concurrency
    budget = MAX_REQUESTS // concurrency
    start_line = threading.Barrier(concurrency + 1)
    deadline = [0.0]

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine = latencies[slot]
        start_line.wait()
        while time.perf_counter() < deadline[0] and len(mine) < budget:
            began = time.perf_counter()
            try:
                connection.request("GET", next_path(), headers=headers)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200:
                    errors[slot] += 1
                sizes[slot] = len(body)
                if response.will_close:
                    connection.close()  # http.client reconnects on the next request
            except (OSError, http.client.HTTPException):
                errors[slot] += 1
                connection.close()
            mine.append(time.perf_counter() - began)
        connection.close()

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(concurrency)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    values = sorted(value for values in latencies for value in values)
    return PageResult(
        name=name,
        path=path if isinstance(path, str) else next_path(),
        seconds=round(elapsed, 2),
        requests=len(values),
        errors=sum(errors),
        rps=round(len(values) / elapsed, 1),
        p50_ms=round(statistics.median(values) * 1000, 2) if values else float("nan"),
        p95_ms=round(percentile(values, 0.95) * 1000, 2),
        p99_ms=round(percentile(values, 0.99) * 1000, 2),
        bytes=max(sizes),
    )
