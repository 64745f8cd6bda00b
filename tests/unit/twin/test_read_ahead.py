"""read_ahead: the same items in the same order, errors raised where they are consumed,
and a producer that stops when the consumer does."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cu_twin.runner.read_ahead import read_ahead


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=5))
def test_items_arrive_unchanged_and_in_order(items: list[int], depth: int) -> None:
    assert list(read_ahead(items, depth)) == items


def test_the_producer_runs_ahead_on_another_thread_by_at_most_depth() -> None:
    produced: list[int] = []
    threads: set[str] = set()

    def source() -> Iterator[int]:
        for n in range(10):
            threads.add(threading.current_thread().name)
            produced.append(n)
            yield n

    stream = read_ahead(source(), depth=2)
    assert next(stream) == 0
    # one handed over, two waiting in the queue, one built and blocked on the full queue
    deadline = time.monotonic() + 10
    while len(produced) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    assert len(produced) == 4
    assert threads == {"cu-twin-read-ahead"}
    assert list(stream) == list(range(1, 10))


def test_an_error_in_the_producer_is_raised_in_the_consumer_after_the_items_before_it() -> None:
    def source() -> Iterator[int]:
        yield 1
        raise RuntimeError("plan failed")

    stream = read_ahead(source())
    assert next(stream) == 1
    with pytest.raises(RuntimeError, match="plan failed"):
        next(stream)


def test_closing_the_consumer_stops_the_producer() -> None:
    produced: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    stream = read_ahead(endless(), depth=1)
    assert next(stream) == 0
    stream.close()
    seen = len(produced)
    time.sleep(0.3)
    assert len(produced) == seen
    assert not any(t.name == "cu-twin-read-ahead" for t in threading.enumerate())


def test_depth_must_be_positive() -> None:
    with pytest.raises(ValueError, match="depth"):
        next(read_ahead([1], depth=0))
