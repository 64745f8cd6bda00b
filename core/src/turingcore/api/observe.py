"""ASGI middleware: request metrics and the JSON access log, with the route template."""

from __future__ import annotations

import time
from typing import Any

from opentelemetry.trace import SpanKind, Tracer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from turingcore.api.deps import Services
from turingcore.api.tracing import incoming_context


class ObserveRequests:
    """Times every HTTP request and records it once its response has started."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_holder = [500]

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder[0] = message["status"]
            await send(message)

        tracing = self.services.tracing
        try:
            if tracing is None:
                await self.app(scope, receive, send_wrapper)
            else:
                await self._traced(tracing.tracer, scope, receive, send_wrapper, status_holder)
        finally:
            self._record(scope, status_holder[0], time.perf_counter() - started)

    async def _traced(
        self, tracer: Tracer, scope: Scope, receive: Receive, send: Send, status: list[int]
    ) -> None:
        """The request as a SERVER span, continuing the caller's W3C trace if it sent one."""
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers") or []}
        method = scope.get("method", "")
        with tracer.start_as_current_span(
            f"{method} request", context=incoming_context(headers), kind=SpanKind.SERVER
        ) as span:
            try:
                await self.app(scope, receive, send)
            finally:
                template = getattr(scope.get("route"), "path", None) or "unmatched"
                span.update_name(f"{method} {template}")
                span.set_attribute("http.request.method", method)
                span.set_attribute("http.route", template)
                span.set_attribute("http.response.status_code", status[0])
                tenant = (scope.get("path_params") or {}).get("tenantId")
                if tenant is not None:
                    span.set_attribute("turingcore.tenant_id", tenant)

    def _record(self, scope: Scope, status: int, elapsed_s: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = scope.get("method", "")
        metrics = self.services.metrics
        metrics.http_requests.labels(method, template, str(status)).inc()
        metrics.http_latency.labels(method, template).observe(elapsed_s)
        headers = dict(scope.get("headers") or [])
        state: Any = scope.get("state") or {}
        path_params = scope.get("path_params") or {}
        self.services.access_log.write(
            {
                "ts": time.time(),
                "method": method,
                "path": scope.get("path"),
                "route": template,
                "status": status,
                "latencyMs": round(elapsed_s * 1000, 3),
                "tenantId": path_params.get("tenantId"),
                "keyId": state.get("key_id") if isinstance(state, dict) else None,
                "correlationId": headers.get(b"x-correlation-id", b"").decode("latin-1")[:128]
                or None,
            }
        )
