"""The per-tenant hash chain and the canonical JSON it is computed over.

``hash = hex(SHA-256(prevHash + JCS(event without "hash")))`` where JCS is RFC 8785 and the
first event's prevHash is 64 zeros (API contract, precise rule 3).

Events hold only strings, JSON-safe integers, booleans, null, lists and objects with ASCII
keys (precise rule 4 and the request schemas), and for that subset orjson with sorted keys
produces exactly the RFC 8785 bytes, about nine times faster than the standard library's
encoder (which matches too). The property tests compare it byte for byte with the
``rfc8785`` package.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from turingcore.domain.limits import JSON_SAFE_INTEGER_MAX

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """RFC 8785 canonical JSON of an event-shaped value (see the module docstring)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def chain_hash(prev_hash: str, canonical_event: str) -> str:
    """The hash of an event given its predecessor's hash and its own canonical JSON."""
    return hashlib.sha256((prev_hash + canonical_event).encode("utf-8")).hexdigest()


def assert_event_shaped(value: Any) -> None:
    """Programmer check: no floats, no out-of-range integers, only string keys."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int):
        assert abs(value) <= JSON_SAFE_INTEGER_MAX, "integer outside the JSON-safe range"
        return
    if isinstance(value, list):
        for item in value:
            assert_event_shaped(item)
        return
    assert isinstance(value, dict), f"{type(value).__name__} is not allowed in an event"
    for key, item in value.items():
        assert isinstance(key, str) and key.isascii(), "event keys are ASCII strings"
        assert_event_shaped(item)
