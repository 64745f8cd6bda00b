"""Reading request bodies: size limit first (413), then exact JSON (400)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from fastapi import Request

from turingcore.api.problems import ProblemError

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abAB]")
_NUL_ESCAPE = re.compile(rb"\\u0000")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


async def read_body(request: Request, limit_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit_bytes:
        raise ProblemError(413, f"the body is larger than {limit_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit_bytes:
            raise ProblemError(413, f"the body is larger than {limit_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    return False


def parse_json(raw: bytes) -> Any:
    """JSON with numbers as exact Decimals (never floats); NaN, Infinity and lone
    surrogates refused, so everything accepted can be hashed canonically."""
    if not raw:
        raise ProblemError(
            400, "the request body is empty; a JSON object is required", error="MALFORMED_JSON"
        )
    try:
        data = json.loads(raw, parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise ProblemError(
            400, "the request body is not valid JSON", error="MALFORMED_JSON"
        ) from exc
    if _NUL_ESCAPE.search(raw):
        # PostgreSQL text cannot hold NUL, and no banking field needs one: refused on every
        # store alike rather than accepted by one and failed by the other.
        raise ProblemError(400, "strings must not contain NUL characters", error="MALFORMED_JSON")
    if _SURROGATE_ESCAPE.search(raw) and _has_lone_surrogate(data):
        raise ProblemError(
            400, "strings must be valid Unicode (no lone surrogates)", error="MALFORMED_JSON"
        )
    return data
