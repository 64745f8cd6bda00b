"""Rendering: the Jinja2 environment, and what every page's template is given.

``Deps`` is everything a route may use, built once by the app factory and passed to each
router: the read-only core client, the settings, the templates and the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from cu_twin.console.reader import CoreReader
from cu_twin.console.settings import ConsoleSettings
from cu_twin.console.views.common import TenantView, tenant_view

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
NAV = (
    ("overview", "/", "Overview"),
    ("members", "/members", "Members"),
    ("ledger", "/ledger/trial-balance", "Trial balance"),
    ("products", "/products", "Products"),
)


def templates() -> Jinja2Templates:
    """Autoescaped templates; an undefined name in a template is an error, not blank text."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def is_fragment_request(request: Request) -> bool:
    """True for an htmx request, which wants a fragment rather than a whole page."""
    return request.headers.get("HX-Request") == "true"


@dataclass(frozen=True)
class Deps:
    reader: CoreReader
    settings: ConsoleSettings
    templates: Jinja2Templates
    now: Callable[[], datetime]

    def tenant(self) -> TenantView:
        """The served tenant, read from the core (its name and zone frame every page)."""
        return tenant_view(self.reader.get_tenant(self.settings.tenant_id))

    def render(
        self,
        request: Request,
        template: str,
        context: Mapping[str, Any],
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        """Render ``template`` with the shared context (navigation, tenant id, polling)."""
        shared: dict[str, Any] = {
            "nav": NAV,
            "active": "",
            "tenant_id": self.settings.tenant_id,
            "settings": self.settings,
            "tenant": None,
        }
        return self.templates.TemplateResponse(
            request, template, {**shared, **context}, status_code=status_code, headers=headers
        )
