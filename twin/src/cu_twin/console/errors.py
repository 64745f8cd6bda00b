"""Friendly error pages: what went wrong in words an operator can act on, never a traceback.

``error_view`` is pure (exception in, page content out); ``install_error_pages`` registers
the handlers that render it as a whole page, or as a fragment for an htmx request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from cu_twin.console.pages import Deps, is_fragment_request
from turingcore_client import (
    Forbidden,
    NotFound,
    RateLimited,
    TransportError,
    TuringCoreError,
    Unauthenticated,
)

log = logging.getLogger("cu_twin.console")


@dataclass(frozen=True)
class ErrorView:
    status: int
    title: str
    message: str
    hint: str


def error_view(exc: Exception, core_url_hint: str = "") -> ErrorView:
    """The page for a failure of the core, of the request, or of the console itself."""
    match exc:
        case TransportError():
            return ErrorView(
                503,
                "The core is not reachable",
                "The console could not reach TuringCore to read this page.",
                "Check that the core is running"
                + (f" at {core_url_hint}" if core_url_hint else "")
                + ", then reload.",
            )
        case NotFound():
            return ErrorView(
                404,
                "Not found",
                exc.problem.detail,
                "Check the address, or start from the overview.",
            )
        case Forbidden() | Unauthenticated():
            return ErrorView(
                403,
                "Not allowed",
                "The core refused the console's API key for this tenant.",
                "Start the console with a tenant:reader key for this tenant (or a platform:admin key).",
            )
        case RateLimited():
            return ErrorView(
                429,
                "The core is busy",
                "The core asked the console to slow down.",
                "Reload in a few seconds.",
            )
        case TuringCoreError():
            return ErrorView(
                502,
                "The core answered unexpectedly",
                str(exc),
                "Reload; if it persists, check the core's log.",
            )
        case RequestValidationError():
            return ErrorView(
                400,
                "Invalid address",
                "A parameter of this address is not valid.",
                "Use the console's links and forms.",
            )
        case HTTPException(status_code=404):
            return ErrorView(
                404,
                "Not found",
                "The console has no page at this address.",
                "Start from the overview.",
            )
        case HTTPException(status_code=405):
            return ErrorView(
                405,
                "Read-only console",
                "The console only reads; it cannot change anything.",
                "Use the pages' links.",
            )
        case HTTPException():
            return ErrorView(
                exc.status_code, "Request refused", str(exc.detail), "Start from the overview."
            )
        case _:
            return ErrorView(
                500,
                "Something went wrong",
                "The console failed to build this page.",
                "Reload; the console's log has the details.",
            )


def install_error_pages(app: FastAPI, deps: Deps, core_url_hint: str) -> None:
    """Render every error as a friendly page (or an inline notice for htmx fragments)."""

    def handle(request: Request, exc: Exception) -> Response:
        view = error_view(exc, core_url_hint)
        if view.status >= 500:
            log.warning("%s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        template = "partials/error.html" if is_fragment_request(request) else "error.html"
        response: HTMLResponse = deps.render(
            request, template, {"error": view}, status_code=view.status
        )
        if view.status == 405:
            response.headers["Allow"] = "GET, HEAD"
        return response

    for exc_type in (TuringCoreError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc_type, handle)
