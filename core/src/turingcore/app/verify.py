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


def _links(body: str, position: int, prev_hash: str) -> bool:
    """Whether the body's top-level ``position`` and ``prevHash`` are the expected ones.

    Canonical JSON sorts keys, so ``"position"`` is directly followed by ``"prevHash"``;
    every quote inside a string is escaped, so the unescaped key text can only be
    structural, and the top-level ``position`` sorts after ``payload``, so its last
    occurrence is the top-level one.
    """
    start = body.rfind(_POSITION_KEY)
    return start >= 0 and body.startswith(
        f'{_POSITION_KEY}{position}{_PREV_HASH_KEY}{prev_hash}"', start
    )


def verify_chain(rows: Iterable[tuple[int, str, str]], head: ChainHead) -> ChainVerdict:
    """Check positions 1..n without gaps, each prevHash link and each recomputed hash."""
    prev_hash, expected, checked = GENESIS_HASH, 1, 0
    for position, body, stored_hash in rows:
        checked += 1
        if position != expected:
            return ChainVerdict(False, checked, expected, "position gap or mismatch")
        if not _links(body, position, prev_hash):
            return ChainVerdict(
                False, checked, position, "position or prevHash does not link to the previous event"
            )
        if chain_hash(prev_hash, body) != stored_hash:
            return ChainVerdict(False, checked, position, "hash does not match the event's content")
        prev_hash, expected = stored_hash, expected + 1
    if head.position != expected - 1 or head.hash != prev_hash:
        last = expected - 1
        if head.position > last:  # the store has lost events the head counts
            first_bad = expected
        elif head.position == last:  # same length, another hash
            first_bad = max(last, 1)
        else:  # events beyond the head
            first_bad = head.position + 1
        return ChainVerdict(False, checked, first_bad, "chain head does not match the last event")
    return ChainVerdict(True, checked, None)
