"""The read-only operator console of a TuringCore tenant (FastAPI + Jinja2 + htmx).

It reads the core through the typed client only (``CoreReader``, queries alone) and has
GET routes only. ``create_app(reader, settings)`` builds it; ``server.serve_console`` is
the ``twin console`` command's shell (key handling, uvicorn). Pure view models live in
``views/``; templates and static files (htmx vendored unmodified) beside them.
Tests: ``tests/unit/twin/test_console_*.py`` (views) and ``tests/browser/`` (Chromium).
"""

from cu_twin.console.app import create_app
from cu_twin.console.reader import CoreReader
from cu_twin.console.settings import ConsoleSettings

__all__ = ["ConsoleSettings", "CoreReader", "create_app"]
