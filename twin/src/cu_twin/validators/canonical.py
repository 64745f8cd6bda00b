"""RFC 8785 (JCS) bytes of event JSON, written from the RFC, independent of the core.

Events hold only strings, JSON-safe integers, booleans, null, arrays and objects with
ASCII keys (API contract, precise rule 4). For that subset the standard library's encoder
with sorted keys and no whitespace produces exactly the JCS bytes, about a hundred times
faster than the pure-Python ``rfc8785`` package. ``jcs_reference`` (the package) is the
arbiter: validators confirm every mismatch with it before reporting one, and the unit tests
compare the two byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

_FAST = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
).encode


def jcs(value: Any) -> bytes:
    """JCS bytes of an event-shaped value (see the module docstring)."""
    return _FAST(value).encode("utf-8")


def jcs_reference(value: Any) -> bytes:
    """JCS bytes by the reference implementation, for any JSON value."""
    return rfc8785.dumps(value)
