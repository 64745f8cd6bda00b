"""Push a run's metrics to a Prometheus Pushgateway (``--pushgateway``).

A push that fails is a value the caller warns about; it never fails the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.client import HTTPException

from prometheus_client import CollectorRegistry, push_to_gateway, pushadd_to_gateway

JOB = "cu_twin"
PUSH_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class PushFailed:
    url: str
    reason: str


def push_run(
    url: str, tenant_code: str, registry: CollectorRegistry, *, passed: bool
) -> PushFailed | None:
    """PUT the run's group (job ``cu_twin``, tenant) when it passed; POST when it failed,
    so only the metrics it carries are replaced and the gateway keeps the last success
    timestamp of an earlier green run (which a failed run leaves out)."""
    send = push_to_gateway if passed else pushadd_to_gateway
    try:
        send(
            url,
            job=JOB,
            grouping_key={"tenant": tenant_code},
            registry=registry,
            timeout=PUSH_TIMEOUT_S,
        )
    except (OSError, ValueError, HTTPException) as exc:
        return PushFailed(url, str(exc) or type(exc).__name__)
    return None
