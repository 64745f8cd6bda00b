"""Logs, metrics and traces of a real core after a scripted run (issue #7).

One core serves a short run with an OTLP/HTTP collector configured; the collector is a
plain HTTP server in this process that keeps every export request it receives.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.api import Api, command, customer_payload, entry, setup_ledger
from tests.support.core_process import CoreProcess

TENANT = "CU_OBS"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN_ID = "00f067aa0ba902b7"
PERSONAL = [
    customer_payload(1)["person"]["email"],
    customer_payload(1)["person"]["lastName"],
    customer_payload(1)["person"]["mobile"],
    customer_payload(1)["address"]["line1"],
]


@dataclass
class Collector:
    bodies: list[bytes] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def spans(self) -> list[Any]:
        found = []
        for body in self.bodies:
            request = ExportTraceServiceRequest()
            request.ParseFromString(body)
            for resource in request.resource_spans:
                for scope in resource.scope_spans:
                    found.extend(scope.spans)
        return found


def _collector() -> Collector:
    collector = Collector()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            if self.path == "/v1/traces":
                collector.bodies.append(self.rfile.read(length))
            self.send_response(200)
            self.send_header("content-type", "application/x-protobuf")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    collector.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=collector.server.serve_forever, daemon=True).start()
    return collector


@dataclass
class Run:
    data_dir: Path
    collector: Collector
    metrics: str
    secrets: list[str]
    accepted_id: str
    rejected_id: str


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    collector = _collector()
    data_dir = tmp_path_factory.mktemp("obs") / "data"
    core = CoreProcess(
        data_dir,
        extra_env={"OTEL_EXPORTER_OTLP_ENDPOINT": collector.url, "OTEL_BSP_SCHEDULE_DELAY": "100"},
    ).start()
    try:
        api = Api(core.url, core.admin_key)
        ledger = setup_ledger(api, TENANT)
        reader_key = api.key_for(TENANT, "tenant:reader")
        accepted = entry(
            TENANT, [(ledger.txn, "DEBIT", "5.00"), ("GL_CARD_CLEARING", "CREDIT", "5.00")]
        )
        answer = httpx.post(
            f"{core.url}/tenants/{TENANT}/commands",
            json=accepted,
            headers={
                "Authorization": f"Bearer {core.admin_key}",
                "X-Correlation-Id": "corr-obs-1",
                "traceparent": f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01",
            },
        )
        assert answer.status_code == 202, answer.text
        overdraft = entry(
            TENANT, [(ledger.txn, "DEBIT", "5000.00"), ("GL_CARD_CLEARING", "CREDIT", "5000.00")]
        )
        assert api.send(TENANT, overdraft).status_code == 422
        batch = [
            entry(TENANT, [(ledger.txn, "DEBIT", "1.00"), ("GL_CARD_CLEARING", "CREDIT", "1.00")]),
            command(TENANT, "PostEntry", {"not": "a posting"}),
            command(TENANT, "CreateCustomer", customer_payload(2)),
        ]
        assert api.post(f"/tenants/{TENANT}/commands:batch", {"commands": batch}).status_code == 200
        assert api.get(f"/tenants/{TENANT}/chain/verify").json()["valid"] is True
        metrics = httpx.get(f"{core.url}/metrics").text
    finally:
        assert core.stop() == 0
        assert collector.server is not None
        collector.server.shutdown()
    yield Run(
        data_dir,
        collector,
        metrics,
        [core.admin_key, reader_key, *PERSONAL, customer_payload(2)["person"]["email"]],
        accepted["commandId"],
        overdraft["commandId"],
    )


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_command_has_one_json_line_with_its_correlation_fields(run: Run) -> None:
    lines = _lines(run.data_dir / "commands.log")
    for line in lines:
        assert {"ts", "tenantId", "commandId", "commandType", "outcome", "correlationId"} <= set(
            line
        )
        assert line["tenantId"] == TENANT
    by_id = {line["commandId"]: line for line in lines}
    accepted = by_id[run.accepted_id]
    assert accepted["outcome"] == "accepted"
    assert accepted["correlationId"] == "corr-obs-1"
    assert isinstance(accepted["position"], int)
    assert accepted["latencyMs"] > 0
    assert by_id[run.rejected_id]["rule"] == "BALANCE_BELOW_FLOOR"
    batch = [line for line in lines if "batchIndex" in line]
    assert [line["batchIndex"] for line in batch] == [0, 1, 2]
    assert [line["outcome"] for line in batch] == ["accepted", "invalid", "accepted"]
    assert batch[1]["error"] == "VALIDATION_FAILED"
    # setup (tenant, 3 products, customer, 3 accounts) + 2 singles + the batch of 3
    assert len(lines) == 8 + 2 + 3


def test_every_request_has_one_json_access_line(run: Run) -> None:
    lines = _lines(run.data_dir / "access.log")
    commands = [line for line in lines if line["route"] == "/tenants/{tenantId}/commands"]
    assert any(line["correlationId"] == "corr-obs-1" for line in commands)
    for line in lines:
        assert {"ts", "method", "route", "status", "latencyMs", "tenantId", "keyId"} <= set(line)


def test_no_key_and_no_personal_field_reaches_a_log_or_a_span(run: Run) -> None:
    exported = b"".join(run.collector.bodies)
    assert exported, "no spans were exported"
    for name in ("commands.log", "access.log"):
        text = (run.data_dir / name).read_text("utf-8")
        for secret in run.secrets:
            assert secret not in text, f"{secret!r} found in {name}"
    for secret in run.secrets:
        assert secret.encode() not in exported, f"{secret!r} found in an exported span"


def test_a_command_is_traced_request_to_transaction_to_command_to_decision(run: Run) -> None:
    spans = run.collector.spans()
    by_id = {span.span_id: span for span in spans}
    requests = [
        s
        for s in spans
        if s.name == "POST /tenants/{tenantId}/commands" and s.trace_id.hex() == TRACE_ID
    ]
    assert len(requests) == 1, [s.name for s in spans]
    request = requests[0]
    assert request.parent_span_id.hex() == CALLER_SPAN_ID  # the caller's W3C context
    children = [s for s in spans if s.trace_id == request.trace_id]
    names = {s.name: s for s in children}
    assert {"store.transaction", "command", "decide"} <= set(names)
    assert by_id[names["store.transaction"].parent_span_id] is request
    assert by_id[names["command"].parent_span_id] is names["store.transaction"]
    assert by_id[names["decide"].parent_span_id] is names["command"]
    attributes = {a.key: a.value.string_value for a in names["command"].attributes}
    assert attributes["turingcore.command_type"] == "PostEntry"
    assert attributes["turingcore.command_id"] == run.accepted_id


def test_the_metrics_operators_need_are_exported_with_their_labels(run: Run) -> None:
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(run.metrics)
        for s in family.samples
    }

    def value(name: str, **labels: str) -> float:
        return samples.get((name, tuple(sorted(labels.items()))), 0.0)

    assert value("turingcore_commands_total", command_type="PostEntry", outcome="accepted") == 2
    assert value("turingcore_commands_total", command_type="PostEntry", outcome="rejected") == 1
    assert value("turingcore_commands_total", command_type="unknown", outcome="invalid") == 1
    assert value("turingcore_command_rejections_total", rule="BALANCE_BELOW_FLOOR") == 1
    assert value("turingcore_store_transaction_duration_seconds_count", kind="batch") == 1
    assert value("turingcore_store_transaction_duration_seconds_count", kind="command") >= 10
    assert value("turingcore_store_up") == 1
    assert value("turingcore_chain_verifications_total", result="valid") == 1
    assert value("process_resident_memory_bytes") > 0


def test_tracing_is_off_without_an_endpoint_and_on_with_one() -> None:
    from turingcore.api.tracing import traces_endpoint, tracing_from_environment  # noqa: PLC0415

    assert traces_endpoint({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318/"}) == (
        "http://c:4318/v1/traces"
    )
    assert traces_endpoint({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c/t"}) == "http://c/t"
    assert tracing_from_environment({}, "1") is None
    assert tracing_from_environment({"OTEL_EXPORTER_OTLP_ENDPOINT": ""}, "1") is None
    tracing = tracing_from_environment(
        {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:9/v1/traces"}, "1"
    )
    assert tracing is not None
    tracing.shutdown()
