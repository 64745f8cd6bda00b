"""The services a request may use, built once per app and passed in (no globals)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request

from turingcore.api.auth import Principal, authenticate
from turingcore.api.json_lines import JsonLines
from turingcore.api.metrics import Metrics
from turingcore.api.problems import ProblemError
from turingcore.api.tracing import Tracing
from turingcore.app.commands import Clock, CommandService
from turingcore.store.base import Store


@dataclass
class RateLimiter:
    """A token bucket per API key; ``rate_per_s <= 0`` turns it off."""

    rate_per_s: float
    burst: int
    monotonic: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, key_id: str) -> bool:
        if self.rate_per_s <= 0:
            return True
        now = self.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key_id, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate_per_s)
            if tokens < 1:
                self._buckets[key_id] = (tokens, now)
                return False
            self._buckets[key_id] = (tokens - 1, now)
            return True


@dataclass
class Services:
    store: Store
    commands: CommandService
    metrics: Metrics
    access_log: JsonLines
    command_log: JsonLines
    clock: Clock
    rate_limiter: RateLimiter
    tracing: Tracing | None = None


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_principal(
    request: Request,
    services: ServicesDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Principal:
    principal = authenticate(services.store, authorization)
    request.state.key_id = principal.key_id
    if not services.rate_limiter.allow(principal.key_id):
        raise ProblemError(
            429, "too many requests for this key; slow down", headers={"Retry-After": "1"}
        )
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
