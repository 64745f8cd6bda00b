"""Produce the next items of an iterator on a background thread while the caller works.

The twin plans a day and builds its commands (CPU in the twin) and then waits while the
core decides them (CPU in the core). Reading ahead overlaps the two: while the sender
waits on the socket, the next days are planned. Items arrive in order and unchanged, so a
run stays deterministic; the producer stops when the consumer stops, and its exceptions
are raised in the consumer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
_POLL_S = 0.1
_JOIN_S = 5.0


@dataclass(frozen=True)
class _Item(Generic[T]):
    value: T


@dataclass(frozen=True)
class _Failed:
    error: BaseException


class _Done:
    pass


def read_ahead(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """``items`` in order, with up to ``depth`` of them produced ahead on another thread."""
    if depth < 1:
        raise ValueError("depth is at least 1")
    ready: queue.Queue[_Item[T] | _Failed | _Done] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(message: _Item[T] | _Failed | _Done) -> bool:
        while not stop.is_set():
            try:
                ready.put(message, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer(_Item(item)):
                    return
            offer(_Done())
        except BaseException as error:  # handed to the consumer, which raises it
            offer(_Failed(error))

    producer = threading.Thread(target=produce, name="cu-twin-read-ahead", daemon=True)
    producer.start()
    try:
        while True:
            message = ready.get()
            if isinstance(message, _Done):
                return
            if isinstance(message, _Failed):
                raise message.error
            yield message.value
    finally:
        stop.set()
        producer.join(_JOIN_S)
