"""Errors as types: what can go wrong when talking to the core, as one exception tree.

    TuringCoreError                    every error this client raises
    ├── TransportError                 no HTTP answer, even after retries (.attempts)
    ├── UnexpectedResponse             an answer that is not what the API documents
    └── ApiError                       a problem document (.status, .problem, .error)
        ├── BadRequest                 400  malformed envelope, payload or query
        ├── Unauthenticated            401  no key, unknown or revoked key
        ├── Forbidden                  403  key not allowed for this tenant or command
        ├── NotFound                   404  unknown tenant, customer, account, key...
        ├── IdempotencyConflict        409  commandId/idempotencyKey reused, other content
        ├── PayloadTooLarge            413  body over the server's limit
        ├── RuleViolation              422  a business invariant refused it (.invariant)
        ├── AtomicBatchRejected        422  atomic batch: command .index refused, nothing written
        ├── RateLimited                429  slow down (.retry_after_s)
        └── ServerError                5xx

A status the tree does not name (405, 415...) raises plain ``ApiError``. Only
``TransportError``, ``RateLimited`` and 502/503/504 ``ServerError`` are retried, and they
reach the caller only once the retries are spent.
"""

# The contract names these errors (BadRequest, NotFound...); an "Error" suffix would not help.
# ruff: noqa: N818

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError

from turingcore_client._models import Problem

_DETAIL_LENGTH_MAX = 500
_ATOMIC_BATCH_REJECTED = "ATOMIC_BATCH_REJECTED"


class TuringCoreError(Exception):
    """Base of every error raised by the TuringCore client."""


class TransportError(TuringCoreError):
    """The request got no HTTP answer (connect error, timeout, reset) after every attempt."""

    def __init__(self, message: str, *, attempts: int) -> None:
        super().__init__(message)
        self.attempts = attempts


class UnexpectedResponse(TuringCoreError):
    """A 2xx answer whose body does not match the documented schema."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class ApiError(TuringCoreError):
    """The server answered with a problem document (RFC 9457)."""

    def __init__(self, problem: Problem, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{problem.status} {problem.error}: {problem.detail}")
        self.problem = problem
        self.headers = headers or {}

    @property
    def status(self) -> int:
        """The HTTP status of the answer."""
        return self.problem.status

    @property
    def error(self) -> str:
        """The machine-readable error code (e.g. ``VALIDATION_FAILED``)."""
        return self.problem.error

    @property
    def command_id(self) -> str | None:
        """The commandId the problem is about, when known."""
        return self.problem.command_id


class BadRequest(ApiError):
    """400: the envelope, payload or query does not match its schema."""


class Unauthenticated(ApiError):
    """401: no key, or an unknown or revoked one."""


class Forbidden(ApiError):
    """403: the key may not act on this tenant, or may not send this command."""


class NotFound(ApiError):
    """404: the tenant or the entity does not exist (for this key)."""


class IdempotencyConflict(ApiError):
    """409: the commandId or idempotencyKey was already used with different content."""


class PayloadTooLarge(ApiError):
    """413: the request body is over the server's limit."""


class RuleViolation(ApiError):
    """422: a business invariant refused the command; nothing was written."""

    @property
    def invariant(self) -> str | None:
        """The name of the rule that refused it (e.g. ``BALANCE_BELOW_FLOOR``)."""
        return self.problem.invariant


class AtomicBatchRejected(ApiError):
    """422 on an atomic batch: the command at ``index`` was refused, so nothing was written."""

    @property
    def index(self) -> int:
        """The position in the batch of the first command that was not accepted."""
        details = self.problem.details or {}
        value = details.get("index")
        return value if isinstance(value, int) else -1

    @property
    def inner(self) -> Problem | None:
        """The problem of the refused command itself."""
        details = self.problem.details or {}
        inner = details.get("problem")
        return Problem.model_validate(inner) if isinstance(inner, dict) else None

    @property
    def invariant(self) -> str | None:
        """The rule that refused the command, when it was a business rule."""
        return self.problem.invariant


class RateLimited(ApiError):
    """429: too many requests for this key."""

    @property
    def retry_after_s(self) -> float | None:
        """The server's Retry-After in seconds, when it gave one."""
        return parse_retry_after_s(self.headers.get("retry-after"))


class ServerError(ApiError):
    """5xx: the server (or a proxy in front of it) failed."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthenticated,
    403: Forbidden,
    404: NotFound,
    409: IdempotencyConflict,
    413: PayloadTooLarge,
    422: RuleViolation,
    429: RateLimited,
}


def error_for(problem: Problem, headers: dict[str, str] | None = None) -> ApiError:
    """The exception of the tree that stands for ``problem``."""
    status = problem.status
    details = problem.details or {}
    if status == 422 and (
        problem.error == _ATOMIC_BATCH_REJECTED
        or (isinstance(details.get("index"), int) and isinstance(details.get("problem"), dict))
    ):
        return AtomicBatchRejected(problem, headers=headers)
    if status >= 500:
        return ServerError(problem, headers=headers)
    return _BY_STATUS.get(status, ApiError)(problem, headers=headers)


def problem_of(response: httpx.Response) -> Problem:
    """The problem document of an error answer; one is made up when the body is not one.

    A proxy in front of the core may answer with HTML or nothing at all; the caller still
    gets a ``Problem`` with the real status so the error tree works the same.
    """
    body: Any = None
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        try:
            problem = Problem.model_validate(body)
        except ValidationError:
            pass
        else:
            if problem.status == response.status_code:
                return problem
    text = response.text[:_DETAIL_LENGTH_MAX] if response.content else ""
    return Problem(
        type="about:blank",
        title=response.reason_phrase or "Error",
        status=response.status_code,
        detail=text or f"HTTP {response.status_code} without a problem document",
        error=f"HTTP_{response.status_code}",
    )


def raise_for_problem(response: httpx.Response) -> None:
    """Raise the error of the tree for a non-2xx ``response``; return for a 2xx."""
    if response.is_success:
        return
    raise error_for(problem_of(response), dict(response.headers))


def parse_retry_after_s(value: str | None) -> float | None:
    """Seconds from a Retry-After header given as delta-seconds; None when absent or a date."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
