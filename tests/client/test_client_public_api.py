"""The package's public surface: a curated ``__all__``, documented, typed, core-free."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import turingcore_client as tc
from turingcore_client import _errors

PACKAGE_DIR = Path(tc.__file__).parent


def test_all_matches_exactly_the_public_names_of_the_package() -> None:
    public = {name for name in vars(tc) if not name.startswith("_")} | {"__version__"}
    assert len(tc.__all__) == len(set(tc.__all__)), "duplicate names in __all__"
    assert set(tc.__all__) == public


def test_every_name_in_all_exists() -> None:
    for name in tc.__all__:
        assert getattr(tc, name, None) is not None, name


def test_public_classes_and_functions_are_documented() -> None:
    for name in tc.__all__:
        value = getattr(tc, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"{name} has no docstring"


def test_client_and_async_client_offer_the_same_methods_with_docstrings() -> None:
    def methods(cls: type) -> dict[str, object]:
        return {n: m for n, m in vars(cls).items() if not n.startswith("_") and callable(m)}

    sync, asynchronous = methods(tc.Client), methods(tc.AsyncClient)
    assert set(sync) - {"close"} == set(asynchronous) - {"aclose"}
    for name, method in asynchronous.items():
        assert inspect.getdoc(method), f"AsyncClient.{name} has no docstring"
        assert inspect.iscoroutinefunction(method) or inspect.isasyncgenfunction(method), name
    for name, method in sync.items():
        assert inspect.getdoc(method), f"Client.{name} has no docstring"


def test_the_package_is_typed() -> None:
    assert (PACKAGE_DIR / "py.typed").is_file()


def test_importing_the_client_never_imports_the_core() -> None:
    probe = (
        "import sys, turingcore_client; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'turingcore', 'cu_twin'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_error_tree_is_drawn_in_the_errors_module_and_holds() -> None:
    doc = inspect.getdoc(_errors) or ""
    for name in ("TuringCoreError", "TransportError", "ApiError", "RuleViolation", "RateLimited"):
        assert name in doc
    api_errors = [
        tc.BadRequest,
        tc.Unauthenticated,
        tc.Forbidden,
        tc.NotFound,
        tc.IdempotencyConflict,
        tc.PayloadTooLarge,
        tc.RuleViolation,
        tc.AtomicBatchRejected,
        tc.RateLimited,
        tc.ServerError,
    ]
    assert all(issubclass(e, tc.ApiError) for e in api_errors)
    assert issubclass(tc.ApiError, tc.TuringCoreError)
    assert issubclass(tc.TransportError, tc.TuringCoreError)
    assert not issubclass(tc.TransportError, tc.ApiError)
