"""When to try a request again, and how long to wait first.

Retried: no answer at all (connect errors, timeouts, resets) and 429/502/503/504 — with the
same request body, so a command keeps its commandId and the server, being idempotent,
answers a replay of an already applied command with 200 ALREADY_PROCESSED. Never retried:
other 4xx (the same request would fail the same way) and 500. A request that is not
idempotent (creating or revoking an API key) is retried only when it surely never
reached the server: a failed connect, or a 429.

The wait is exponential with full jitter, raised to the server's Retry-After when longer,
and capped. Randomness and sleep are injected, so tests are fast and deterministic.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

RETRY_ATTEMPTS_MAX = 5
"""Attempts per request by default, the first one included."""
RETRY_ATTEMPTS_LIMIT = 20
"""The most attempts a policy may allow."""
BACKOFF_BASE_S = 0.2
BACKOFF_CAP_S = 10.0
RETRY_AFTER_CAP_S = 60.0
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_MAYBE_SENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts a request gets and how long to wait between them.

    ``attempts_max`` counts the first attempt (1 disables retries). ``rng`` draws the
    jitter; ``sleep`` and ``async_sleep`` wait (swap them in tests).
    """

    attempts_max: int = RETRY_ATTEMPTS_MAX
    backoff_base_s: float = BACKOFF_BASE_S
    backoff_cap_s: float = BACKOFF_CAP_S
    retry_after_cap_s: float = RETRY_AFTER_CAP_S
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def __post_init__(self) -> None:
        if not 1 <= self.attempts_max <= RETRY_ATTEMPTS_LIMIT:
            raise ValueError(f"attempts_max is 1 to {RETRY_ATTEMPTS_LIMIT}")
        if self.backoff_base_s < 0 or self.backoff_cap_s < 0 or self.retry_after_cap_s < 0:
            raise ValueError("backoff times are >= 0")

    @classmethod
    def of(cls, retries: RetryPolicy | int) -> RetryPolicy:
        """A policy from ``retries``: a policy as is, or an int number of retries."""
        if isinstance(retries, RetryPolicy):
            return retries
        if isinstance(retries, bool) or not isinstance(retries, int):
            raise TypeError("retries is a RetryPolicy or an int number of retries")
        return cls(attempts_max=retries + 1)

    def delay_s(self, attempt: int, retry_after_s: float | None = None) -> float:
        """The wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
        ceiling = min(self.backoff_cap_s, self.backoff_base_s * 2 ** (attempt - 1))
        delay = self.rng.uniform(0.0, ceiling)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, self.retry_after_cap_s))
        return delay

    def retries_exception(self, exc: httpx.TransportError, attempt: int, idempotent: bool) -> bool:
        """Whether a request that failed with ``exc`` on attempt ``attempt`` is tried again."""
        if attempt >= self.attempts_max:
            return False
        if isinstance(exc, _NOT_SENT):
            return True
        return idempotent and isinstance(exc, _MAYBE_SENT)

    def retries_status(self, status: int, attempt: int, idempotent: bool) -> bool:
        """Whether a request answered ``status`` on attempt ``attempt`` is tried again."""
        if attempt >= self.attempts_max or status not in RETRYABLE_STATUSES:
            return False
        return idempotent or status == 429
