"""``create_app``: the read-only operator console as a FastAPI app, built around one reader.

Every route is a GET; static files are served by a StaticFiles mount (GET and HEAD only).
There is no API schema, no docs UI and no form that posts: the console cannot change state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from cu_twin.console.errors import install_error_pages
from cu_twin.console.pages import STATIC_DIR, Deps, templates
from cu_twin.console.reader import CoreReader
from cu_twin.console.routes import accounts, events, ledger, members, overview
from cu_twin.console.settings import ConsoleSettings

# 'self' only: htmx is served from here and runs without eval (htmx-config allowEval=false).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    reader: CoreReader,
    settings: ConsoleSettings,
    *,
    now: Callable[[], datetime] = _utc_now,
    core_url_hint: str = "",
) -> FastAPI:
    """The console for ``settings.tenant_id``, reading through ``reader`` only."""
    app = FastAPI(
        title="TuringCore operator console",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    deps = Deps(reader=reader, settings=settings, templates=templates(), now=now)
    for area in (overview, members, accounts, events, ledger):
        app.include_router(area.router(deps))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_error_pages(app, deps, core_url_hint)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            # Pages hold members' data: never keep them in a shared or browser cache.
            response.headers["Cache-Control"] = "no-store"
        return response

    return app
