"""Recompute a tenant's hash chain from what is stored, and name the first bad position."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from turingcore.store.chain import GENESIS_HASH, chain_hash
from turingcore.store.records import ChainHead

_PREV_HASH_KEY = ',"prevHash":"'
_POSITION_KEY = ',"position":'


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    valid: bool
    checked: int
    first_bad_position: int | None
    reason: str | None = None


def _top_level(body: str, key: str) -> str | None:
    """The value text of a top-level key of a canonical event body.

    In canonical JSON every quote inside a string is escaped, so the unescaped key text can
    only be structural; and the top-level ``position`` and ``prevHash`` sort after
    ``payload``, so their last occurrence is the top-level one.
    """
    start = body.rfind(key)
    if start < 0:
        return None
    start += len(key)
    end = body.find('"' if key == _PREV_HASH_KEY else ",", start)
    return None if end < 0 else body[start:end]


def verify_chain(rows: Iterable[tuple[int, str, str]], head: ChainHead) -> ChainVerdict:
    """Check positions 1..n without gaps, each prevHash link and each recomputed hash."""
    prev_hash, expected, checked = GENESIS_HASH, 1, 0
    for position, body, stored_hash in rows:
        checked += 1
        if position != expected or _top_level(body, _POSITION_KEY) != str(position):
            return ChainVerdict(False, checked, expected, "position gap or mismatch")
        if _top_level(body, _PREV_HASH_KEY) != prev_hash:
            return ChainVerdict(
                False, checked, position, "prevHash does not link to the previous event"
            )
        if chain_hash(prev_hash, body) != stored_hash:
            return ChainVerdict(False, checked, position, "hash does not match the event's content")
        prev_hash, expected = stored_hash, expected + 1
    if head.position != expected - 1 or head.hash != prev_hash:
        return ChainVerdict(
            False, checked, expected - 1 or 1, "chain head does not match the last event"
        )
    return ChainVerdict(True, checked, None)
