"""RFC 8785 (JCS) bytes of event JSON, written from the RFC, independent of the core.

Events hold only strings, JSON-safe integers, booleans, null, arrays and objects with
ASCII keys (API contract, precise rule 4). For that subset orjson with sorted keys
produces exactly the JCS bytes, some two hundred times faster than the pure-Python
``rfc8785`` package. ``jcs_reference`` (the package) is the arbiter: validators confirm
every mismatch with it before reporting one, and the unit tests compare the two byte for
byte.
"""

from __future__ import annotations

from typing import Any

import orjson
import rfc8785


def jcs(value: Any) -> bytes:
    """JCS bytes of an event-shaped value (see the module docstring)."""
    canonical: bytes = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    return canonical


def jcs_reference(value: Any) -> bytes:
    """JCS bytes by the reference implementation, for any JSON value."""
    return rfc8785.dumps(value)
