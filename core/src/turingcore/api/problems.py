"""RFC 9457 problem documents: the one place where failures become HTTP responses.

Every 4xx/5xx the API sends is ``application/problem+json`` with ``type``, ``title``,
``status``, ``detail``, the machine code ``error``, and where known ``commandId``,
``invariant`` (the business rule, for 422) and ``details``. Never a stack trace.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from turingcore.domain.errors import Rejection
from turingcore.store.base import StoreError

PROBLEM_MEDIA_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad request",
    401: "Unauthenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Business rule violated",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}
_DEFAULT_CODES = {
    400: "MALFORMED_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "BUSINESS_RULE_VIOLATION",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
    503: "UNAVAILABLE",
}


class ProblemError(Exception):
    """Raised by routes and dependencies to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        error: str | None = None,
        command_id: str | None = None,
        invariant: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.body = problem(
            status, detail, error=error, command_id=command_id, invariant=invariant, details=details
        )
        self.headers = headers


def problem(
    status: int,
    detail: str,
    *,
    error: str | None = None,
    command_id: str | None = None,
    invariant: str | None = None,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    code = error or _DEFAULT_CODES.get(status, "ERROR")
    body: dict[str, Any] = {
        "type": f"urn:turingcore:problem:{code.lower().replace('_', '-')}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "error": code,
    }
    if command_id is not None:
        body["commandId"] = command_id
    if invariant is not None:
        body["invariant"] = invariant
    if details:
        body["details"] = details
    return body


def rejection_problem(rejection: Rejection, command_id: str) -> dict[str, Any]:
    """A business-rule rejection (422); ``invariant`` names the rule."""
    return problem(
        422,
        rejection.detail,
        command_id=command_id,
        invariant=rejection.rule.value,
        details=rejection.details or None,
    )


def validation_details(errors: list[Any], prefix: tuple[str | int, ...] = ()) -> dict[str, Any]:
    """Pydantic errors without the offending input (it may be personal data)."""
    return {
        "errors": [
            {"loc": [*prefix, *e.get("loc", ())], "msg": e.get("msg", "invalid")}
            for e in errors[:50]
        ]
    }


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        body, status_code=body["status"], media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def _allowed_methods(request: Request) -> list[str]:
    """Every method any route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods.update(getattr(route, "methods", None) or ())
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ProblemError)
        return problem_response(exc.body, exc.headers)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [{"loc": e.get("loc", ()), "msg": e.get("msg")} for e in exc.errors()]
        return problem_response(
            problem(
                400,
                "the request is not valid",
                error="VALIDATION_FAILED",
                details=validation_details(errors),
            )
        )

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return problem_response(problem(exc.status_code, str(exc.detail)), headers)

    async def on_store(request: Request, __: Exception) -> JSONResponse:
        request.app.state.services.metrics.store_errors.inc()
        return problem_response(
            problem(
                503, "the store is unavailable or busy; retry shortly", error="STORE_UNAVAILABLE"
            ),
            {"Retry-After": "1"},
        )

    async def on_unexpected(_: Request, __: Exception) -> JSONResponse:
        return problem_response(problem(500, "an unexpected error occurred; it has been logged"))

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(Exception, on_unexpected)
