"""The twin's own chain check: fast JCS equals the reference, and every break is named."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cu_twin.validators.canonical import jcs, jcs_reference
from cu_twin.validators.event_integrity import GENESIS_HASH, check_event_integrity, recompute_hash
from cu_twin.validators.fingerprint import fingerprint

SAFE = 2**53 - 1
scalars = st.none() | st.booleans() | st.integers(-SAFE, SAFE) | st.text()
ascii_keys = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
event_shaped = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ascii_keys, inner, max_size=4),
    max_leaves=25,
)


@given(event_shaped)
def test_the_fast_canonical_json_equals_rfc8785_for_event_shaped_values(value: Any) -> None:
    assert jcs(value) == jcs_reference(value)


def _chain(n: int) -> list[dict[str, Any]]:
    events, prev = [], GENESIS_HASH
    for position in range(1, n + 1):
        event: dict[str, Any] = {
            "position": position,
            "eventType": "EntryPosted",
            "payload": {"narrative": f"é {position}", "n": position},
            "prevHash": prev,
        }
        event["hash"] = hashlib.sha256((prev + jcs_reference(event).decode()).encode()).hexdigest()
        events.append(event)
        prev = event["hash"]
    return events


def _head(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"position": events[-1]["position"], "hash": events[-1]["hash"]}


def test_an_intact_chain_passes_and_hashes_recompute() -> None:
    events = _chain(5)
    assert all(recompute_hash(e) == e["hash"] for e in events)
    assert check_event_integrity(events, _head(events)).passed


def test_a_tampered_payload_is_named_by_its_position() -> None:
    events = _chain(6)
    events[3]["payload"]["n"] = 999
    result = check_event_integrity(events, _head(events))
    assert not result.passed
    assert result.findings[0].subject == "position 4"


def test_a_gap_and_a_broken_link_and_a_stale_head_are_each_caught() -> None:
    gap = _chain(4)
    del gap[1]
    assert check_event_integrity(gap, _head(gap)).findings[0].subject == "position 3"
    relinked = _chain(4)
    relinked[2]["prevHash"] = "f" * 64
    assert check_event_integrity(relinked, _head(relinked)).findings[0].subject == "position 3"
    events = _chain(3)
    assert (
        check_event_integrity(events, {"position": 2, "hash": events[1]["hash"]})
        .findings[0]
        .subject
        == "head"
    )


def test_the_fingerprint_ignores_recording_time_but_not_business_content() -> None:
    events = _chain(3)
    later = copy.deepcopy(events)
    for event in later:
        event["recordedAt"] = "2099-01-01T00:00:00Z"
    assert fingerprint(events) == fingerprint(later)
    later[1]["payload"]["n"] = 0
    assert fingerprint(events) != fingerprint(later)
