"""OpenTelemetry tracing: request -> store transaction -> decide, exported over OTLP/HTTP.

Off unless an endpoint is configured (``OTEL_EXPORTER_OTLP_ENDPOINT``, the standard
variable, or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``). Off means no tracer object exists:
every call site checks ``tracer is None`` first, so an untraced request costs one
comparison. The tracer provider belongs to the app (never installed as the process-global
one) and is shut down, flushing its last spans, when the server stops.

Spans carry ids, types, outcomes and positions; never a payload, a key or a personal field.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

SERVICE_NAME = "turingcore"
_PROPAGATOR = TraceContextTextMapPropagator()


@dataclass(frozen=True)
class Tracing:
    tracer: Tracer
    provider: TracerProvider

    def shutdown(self) -> None:
        self.provider.shutdown()


def tracing_from_environment(environ: Mapping[str, str], version: str) -> Tracing | None:
    """A tracer exporting to the configured OTLP endpoint, or None when none is set."""
    endpoint = traces_endpoint(environ)
    if endpoint is None:
        return None
    # Imported only when tracing is on: the exporter pulls in protobuf and requests.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
        OTLPSpanExporter,
    )

    provider = TracerProvider(
        resource=Resource.create(
            {
                "service.name": environ.get("OTEL_SERVICE_NAME", SERVICE_NAME),
                "service.version": version,
            }
        )
    )
    # Headers and timeout come from the standard OTEL_EXPORTER_OTLP_* variables.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    return Tracing(provider.get_tracer("turingcore"), provider)


def traces_endpoint(environ: Mapping[str, str]) -> str | None:
    """Where spans go: the traces endpoint as given, or ``<endpoint>/v1/traces``."""
    traces = environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    if traces:
        return traces
    base = environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    return f"{base.rstrip('/')}/v1/traces" if base else None


def incoming_context(headers: Mapping[str, str]) -> Context:
    """The caller's trace context from a W3C ``traceparent`` header, if it sent one."""
    return _PROPAGATOR.extract(headers)


def from_process_environment(version: str) -> Tracing | None:
    return tracing_from_environment(os.environ, version)
