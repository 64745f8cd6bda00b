"""Retries with httpx.MockTransport: what is retried, with which body, and how long it waits."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable

import httpx
import pytest

import turingcore_client as tc
from tests.client.conftest import transfer

URL = "http://core.test"
Handler = Callable[[httpx.Request], httpx.Response]


def accepted(request: httpx.Request, status: int = 202) -> httpx.Response:
    body = json.loads(request.content)
    return httpx.Response(
        status,
        json={
            "commandId": body["commandId"],
            "status": "ACCEPTED" if status == 202 else "ALREADY_PROCESSED",
            "correlationId": body["commandId"],
            "acceptedAt": "2025-01-15T00:00:00Z",
            "position": 7,
            "eventIds": ["e1"],
            "result": {"entryId": "x"},
        },
    )


def problem(status: int, error: str, headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"type": "urn:x", "title": "t", "status": status, "detail": "d", "error": error}
    return httpx.Response(
        status, json=body, headers={"content-type": "application/problem+json", **(headers or {})}
    )


class Script:
    """A mock server answering from a list, one step per request, recording every request."""

    def __init__(self, *steps: Handler | Exception) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        return step(request)


class Sleeps:
    def __init__(self) -> None:
        self.delays_s: list[float] = []

    def __call__(self, delay_s: float) -> None:
        self.delays_s.append(delay_s)


def client_for(script: Script, sleeps: Sleeps, attempts_max: int = 5) -> tc.Client:
    policy = tc.RetryPolicy(attempts_max=attempts_max, rng=random.Random(7), sleep=sleeps)
    return tc.Client(URL, "key", transport=httpx.MockTransport(script), retries=policy)


def command() -> tc.CommandEnvelope:
    return transfer("CU_X", "GL_SALARY_CLEARING", "ACC_1", 25_00)


def test_a_connect_error_is_retried_with_the_same_body_and_command_id() -> None:
    script = Script(httpx.ConnectError("refused"), accepted)
    sleeps = Sleeps()
    sent = command()
    with client_for(script, sleeps) as client:
        result = client.send(sent)
    assert result.command_id == sent["commandId"]
    assert len(script.requests) == 2
    first, second = script.requests
    assert first.content == second.content
    assert json.loads(second.content)["commandId"] == sent["commandId"]
    assert len(sleeps.delays_s) == 1


def test_a_read_timeout_retry_that_was_applied_answers_already_processed() -> None:
    script = Script(httpx.ReadTimeout("slow"), lambda r: accepted(r, 200))
    with client_for(script, Sleeps()) as client:
        assert client.send(command()).status == "ALREADY_PROCESSED"
    assert script.requests[0].content == script.requests[1].content


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retryable_statuses_are_retried(status: int) -> None:
    script = Script(lambda _: problem(status, "BUSY"), accepted)
    with client_for(script, Sleeps()) as client:
        assert client.send(command()).status == "ACCEPTED"
    assert len(script.requests) == 2


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, tc.BadRequest),
        (401, tc.Unauthenticated),
        (403, tc.Forbidden),
        (404, tc.NotFound),
        (409, tc.IdempotencyConflict),
        (413, tc.PayloadTooLarge),
        (422, tc.RuleViolation),
        (500, tc.ServerError),
    ],
)
def test_other_errors_are_not_retried(status: int, error_type: type[tc.ApiError]) -> None:
    script = Script(lambda _: problem(status, "NOPE"), accepted)
    sleeps = Sleeps()
    with client_for(script, sleeps) as client, pytest.raises(error_type) as raised:
        client.send(command())
    assert raised.value.status == status
    assert len(script.requests) == 1 and sleeps.delays_s == []


def test_retries_are_bounded_and_the_last_error_is_raised() -> None:
    script = Script(*[httpx.ConnectError("down")] * 5)
    sleeps = Sleeps()
    with client_for(script, sleeps) as client, pytest.raises(tc.TransportError) as raised:
        client.get_tenant("CU_X")
    assert raised.value.attempts == 5 == len(script.requests)
    assert len(sleeps.delays_s) == 4
    assert isinstance(raised.value.__cause__, httpx.ConnectError)

    busy = Script(*[lambda _: problem(503, "UNAVAILABLE")] * 3)
    with client_for(busy, Sleeps(), attempts_max=3) as client, pytest.raises(tc.ServerError):
        client.get_tenant("CU_X")
    assert len(busy.requests) == 3


def test_backoff_grows_exponentially_with_jitter_and_honours_retry_after() -> None:
    policy = tc.RetryPolicy(backoff_base_s=1.0, backoff_cap_s=8.0, rng=random.Random(1))
    for attempt, ceiling_s in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        assert 0.0 <= policy.delay_s(attempt) <= ceiling_s
    assert policy.delay_s(1, retry_after_s=3.0) == 3.0
    assert policy.delay_s(1, retry_after_s=1_000.0) == policy.retry_after_cap_s

    script = Script(lambda _: problem(429, "RATE_LIMITED", {"Retry-After": "2"}), accepted)
    sleeps = Sleeps()
    with client_for(script, sleeps) as client:
        client.send(command())
    assert sleeps.delays_s[0] >= 2.0


def test_the_same_seed_gives_the_same_delays() -> None:
    def delays(seed: int) -> list[float]:
        policy = tc.RetryPolicy(rng=random.Random(seed))
        return [policy.delay_s(a) for a in range(1, 5)]

    assert delays(3) == delays(3)


def test_creating_a_key_is_not_retried_after_a_timeout_but_is_after_a_connect_error() -> None:
    created = {"keyId": "k", "key": "secret", "scope": "tenant:reader", "tenantId": "CU_X"}
    timeout = Script(httpx.ReadTimeout("slow"), lambda _: httpx.Response(201, json=created))
    with client_for(timeout, Sleeps()) as client, pytest.raises(tc.TransportError):
        client.create_api_key("tenant:reader", tenant_id="CU_X")
    assert len(timeout.requests) == 1

    refused = Script(httpx.ConnectError("refused"), lambda _: httpx.Response(201, json=created))
    with client_for(refused, Sleeps()) as client:
        assert client.create_api_key("tenant:reader", tenant_id="CU_X").key_id == "k"
    assert len(refused.requests) == 2


def test_retries_zero_disables_retrying() -> None:
    script = Script(httpx.ConnectError("refused"), accepted)
    transport = httpx.MockTransport(script)
    with (
        tc.Client(URL, "k", transport=transport, retries=0) as client,
        pytest.raises(tc.TransportError),
    ):
        client.send(command())
    assert len(script.requests) == 1


def test_an_error_without_a_problem_document_still_maps_to_its_class() -> None:
    script = Script(lambda _: httpx.Response(500, text="<html>oops</html>"))
    with client_for(script, Sleeps()) as client, pytest.raises(tc.ServerError) as raised:
        client.get_tenant("CU_X")
    assert raised.value.problem.status == 500
    assert raised.value.error == "HTTP_500"


def test_a_success_body_that_breaks_the_schema_raises_unexpected_response() -> None:
    script = Script(lambda _: httpx.Response(200, json={"tenantId": "CU_X"}))
    with client_for(script, Sleeps()) as client, pytest.raises(tc.UnexpectedResponse):
        client.get_tenant("CU_X")


def test_the_async_client_retries_a_connect_error_with_the_same_body() -> None:
    script = Script(httpx.ConnectError("refused"), accepted)
    waits: list[float] = []

    async def fake_sleep(delay_s: float) -> None:
        waits.append(delay_s)

    async def run() -> tc.CommandResult:
        policy = tc.RetryPolicy(rng=random.Random(1), async_sleep=fake_sleep)
        transport = httpx.MockTransport(script)
        async with tc.AsyncClient(URL, "key", transport=transport, retries=policy) as client:
            return await client.send(command())

    assert asyncio.run(run()).status == "ACCEPTED"
    assert len(script.requests) == 2 and len(waits) == 1
    assert script.requests[0].content == script.requests[1].content


def test_rate_limited_exposes_retry_after_once_retries_are_spent() -> None:
    script = Script(lambda _: problem(429, "RATE_LIMITED", {"Retry-After": "2"}))
    with (
        client_for(script, Sleeps(), attempts_max=1) as client,
        pytest.raises(tc.RateLimited) as raised,
    ):
        client.get_tenant("CU_X")
    assert raised.value.retry_after_s == 2.0


def test_a_readiness_probe_is_a_single_attempt() -> None:
    script = Script(lambda _: problem(503, "UNAVAILABLE"), lambda _: httpx.Response(200))
    with client_for(script, Sleeps()) as client, pytest.raises(tc.ServerError) as raised:
        client.health_ready()
    assert raised.value.status == 503 and len(script.requests) == 1


def test_the_correlation_id_and_the_key_travel_as_headers() -> None:
    script = Script(accepted)
    with client_for(script, Sleeps()) as client:
        client.send(command(), correlation_id="corr-1")
    headers = script.requests[0].headers
    assert headers["x-correlation-id"] == "corr-1"
    assert headers["authorization"] == "Bearer key"
    assert headers["content-type"] == "application/json"


def test_a_batch_sender_keeps_its_commands_when_a_send_fails() -> None:
    def batch_ok(request: httpx.Request) -> httpx.Response:
        commands = json.loads(request.content)["commands"]
        results = [json.loads(accepted_for(c).content) for c in commands]
        return httpx.Response(200, json={"results": results})

    def accepted_for(body: dict[str, object]) -> httpx.Response:
        return accepted(httpx.Request("POST", URL, json=body))

    script = Script(httpx.ConnectError("down"), batch_ok)
    commands = [command() for _ in range(3)]
    transport = httpx.MockTransport(script)
    with tc.Client(URL, "key", transport=transport, retries=0) as client:
        sender = tc.BatchSender(client, batch_size=10)
        for c in commands:
            sender.add(c)
        with pytest.raises(tc.TransportError):
            sender.flush()
        assert sender.pending == 3 and sender.results == []
        sender.flush()
    assert [r.command_id for r in sender.results] == [c["commandId"] for c in commands]
    assert script.requests[0].content == script.requests[1].content


def test_send_batch_checks_its_commands_before_sending() -> None:
    script = Script()
    with client_for(script, Sleeps()) as client:
        assert client.send_batch([]) == []
        other = transfer("CU_Y", "GL_SALARY_CLEARING", "ACC_1", 1_00)
        with pytest.raises(ValueError, match="same tenant"):
            client.send_batch([command(), other])
        with pytest.raises(ValueError, match="1 to 1000"):
            client.send_batch([command()] * 1_001)
        raw = dict(command())
        raw["payload"] = {**raw["payload"], "legs": [{"amount": 1.5}]}  # type: ignore[dict-item]
        with pytest.raises(TypeError, match="float"):
            client.send(raw)
    assert script.requests == []
