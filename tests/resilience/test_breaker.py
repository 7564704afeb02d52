"""The circuit breaker every process keeps per service: one try per interval while it fails."""

from __future__ import annotations

import multiprocessing
import threading
import time

from newsroom.breaker import CircuitBreaker, breaker_for


def test_after_a_failure_callers_skip_the_service_until_the_interval_has_passed():
    breaker = CircuitBreaker("The test service", retry_seconds=0.2)
    assert breaker.allow()

    breaker.failed(TimeoutError("no answer"))

    assert not breaker.allow()
    time.sleep(0.25)
    assert breaker.allow()


def test_after_the_interval_one_of_many_threads_tries_while_the_others_skip():
    breaker = CircuitBreaker("The test service", retry_seconds=0.1)
    breaker.failed(TimeoutError("no answer"))
    time.sleep(0.15)
    start = threading.Barrier(16)
    allowed = []

    def caller():
        start.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=caller) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 1


def test_a_failed_try_keeps_the_service_away_for_another_interval():
    breaker = CircuitBreaker("The test service", retry_seconds=0.1)
    breaker.failed(TimeoutError("no answer"))
    time.sleep(0.15)
    assert breaker.allow()

    breaker.failed(TimeoutError("still no answer"))

    assert not breaker.allow()
    assert breaker.is_open


def test_an_answer_closes_the_breaker_for_everyone():
    breaker = CircuitBreaker("The test service", retry_seconds=0.1)
    breaker.failed(TimeoutError("no answer"))
    time.sleep(0.15)
    assert breaker.allow()

    assert breaker.succeeded() is True

    assert not breaker.is_open
    assert all(breaker.allow() for _ in range(5))
    assert breaker.succeeded() is False  # nothing to recover from


def test_each_process_shares_one_breaker_per_service_among_its_threads():
    first = breaker_for("The shared test service", 5)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(breaker_for("The shared test service", 5)))
    thread.start()
    thread.join()

    assert seen == [first]


def report_state(name, queue):
    queue.put(breaker_for(name, 60).is_open)


def test_a_forked_worker_starts_with_the_service_answering():
    parent = breaker_for("The forked test service", 60)
    parent.failed(TimeoutError("no answer"))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    child = context.Process(target=report_state, args=("The forked test service", queue))
    child.start()
    child.join(timeout=30)

    assert queue.get(timeout=5) is False
    assert parent.is_open
    parent.succeeded()
