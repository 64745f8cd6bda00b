"""The per-tenant hash chain: sealing events and verifying a stored chain."""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import replace
from typing import Any

import pytest
import rfc8785

from tests.unit.core.builders import (
    TENANT_ID,
    accepted,
    command,
    command_id,
    customer_state,
    decide_on,
    member_account,
    post_entry,
    product_state,
    snapshot,
    transfer,
)
from turingcore.app.sealing import seal, served_event
from turingcore.app.verify import verify_chain
from turingcore.domain.snapshot import Command
from turingcore.domain.state import NewEvent
from turingcore.store.chain import GENESIS_HASH, canonical_json, chain_hash
from turingcore.store.records import ChainHead, SealedEvent

RECORDED_AT = "2026-03-02T01:00:00.123456Z"
GENESIS = ChainHead(0, GENESIS_HASH)
Row = tuple[int, str, str]


def independent_hash(prev_hash: str, envelope: dict[str, Any]) -> str:
    without_hash = {k: v for k, v in envelope.items() if k != "hash"}
    canonical = rfc8785.dumps(without_hash).decode()
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def opening_command(n: int = 1) -> tuple[Command, list[NewEvent]]:
    """A real OpenAccount decision: AccountOpened + EntryPosted."""
    snap = snapshot(customers=[customer_state()], products=[product_state("SAVER", "DEPOSIT")])
    payload = {
        "customerId": customer_state().customer_id,
        "productCode": "SAVER",
        "currency": "AUD",
        "initialDeposit": "100.00",
        "accountAlias": 'Café ☕ "quoted"',
    }
    cmd = command("OpenAccount", payload, cid=command_id(n))
    return cmd, accepted(decide_on(snap, cmd)).events


def posting_command(n: int) -> tuple[Command, list[NewEvent]]:
    cmd = post_entry(transfer("GL_SALARY_CLEARING", "acc-1", f"{n}.25"), cid=command_id(100 + n))
    return cmd, accepted(decide_on(snapshot(accounts=[member_account("acc-1")]), cmd)).events


def sealed_chain(postings: int = 4) -> tuple[list[SealedEvent], ChainHead]:
    """Positions 1..2+postings: an account opening, then single-event postings."""
    cmd, events = opening_command()
    chain, head = seal(TENANT_ID, cmd, events, GENESIS, RECORDED_AT, "corr-1")
    for n in range(postings):
        cmd, events = posting_command(n)
        more, head = seal(TENANT_ID, cmd, events, head, RECORDED_AT, f"corr-{n + 2}")
        chain += more
    return chain, head


def rows_of(chain: list[SealedEvent]) -> list[Row]:
    return [(e.position, e.body, e.hash) for e in chain]


# --- sealing --------------------------------------------------------------------------------


def test_seal_gives_positions_after_the_head_and_returns_the_last_as_new_head() -> None:
    cmd, events = opening_command()
    head = ChainHead(41, "a" * 64)

    sealed, new_head = seal(TENANT_ID, cmd, events, head, RECORDED_AT, "corr")

    assert [e.position for e in sealed] == [42, 43]
    assert new_head == ChainHead(43, sealed[-1].hash)


def test_seal_links_each_event_to_its_predecessors_hash_from_genesis() -> None:
    chain, _ = sealed_chain()

    assert chain[0].envelope["prevHash"] == "0" * 64
    for previous, current in itertools.pairwise(chain):
        assert current.envelope["prevHash"] == previous.hash


def test_sealed_hash_matches_an_independent_rfc8785_sha256_recomputation() -> None:
    chain, _ = sealed_chain()

    for sealed in chain:
        assert sealed.hash == independent_hash(sealed.envelope["prevHash"], sealed.envelope)
        assert sealed.body == rfc8785.dumps(sealed.envelope).decode()
        assert json.loads(sealed.body) == sealed.envelope


def test_served_event_recomputes_to_its_own_hash_as_any_verifier_would() -> None:
    chain, _ = sealed_chain()

    for sealed in chain:
        served = json.loads(served_event(sealed.body, sealed.hash))
        assert served["hash"] == sealed.hash
        assert independent_hash(served["prevHash"], served) == served["hash"]


def test_sealed_envelope_carries_the_contracts_fields() -> None:
    cmd, events = opening_command()

    sealed, _ = seal(TENANT_ID, cmd, events, GENESIS, RECORDED_AT, "corr-9")

    envelope = sealed[0].envelope
    assert set(envelope) == {
        "eventId", "eventType", "tenantId", "streamId", "position", "occurredAt", "recordedAt",
        "causationId", "correlationId", "actor", "payload", "prevHash",
    }  # fmt: skip
    assert envelope["eventType"] == "AccountOpened"
    assert envelope["tenantId"] == TENANT_ID
    assert envelope["occurredAt"] == "2026-03-02T01:00:00Z"
    assert envelope["recordedAt"] == RECORDED_AT
    assert envelope["causationId"] == cmd.commandId
    assert envelope["correlationId"] == "corr-9"
    assert envelope["actor"] == {"actorType": "SYSTEM", "actorId": "unit-test"}
    assert envelope["payload"] == events[0].payload
    assert sealed[0].event_id == envelope["eventId"] != sealed[1].event_id


def test_event_ids_are_the_same_when_the_same_command_is_sealed_again() -> None:
    cmd, events = opening_command()

    first, _ = seal(TENANT_ID, cmd, events, GENESIS, RECORDED_AT, "c")
    second, _ = seal(TENANT_ID, cmd, events, ChainHead(7, "b" * 64), RECORDED_AT, "c")

    assert [e.event_id for e in first] == [e.event_id for e in second]


def test_chain_hash_is_sha256_of_prev_hash_text_then_canonical_body() -> None:
    body = canonical_json({"b": "é", "a": 1})

    expected = hashlib.sha256(("f" * 64 + '{"a":1,"b":"é"}').encode("utf-8")).hexdigest()
    assert chain_hash("f" * 64, body) == expected


# --- verification -----------------------------------------------------------------------------


def test_verify_accepts_an_intact_chain() -> None:
    chain, head = sealed_chain()

    verdict = verify_chain(rows_of(chain), head)

    assert (verdict.valid, verdict.checked, verdict.first_bad_position) == (True, 6, None)


def test_verify_accepts_an_empty_chain_at_genesis() -> None:
    verdict = verify_chain([], GENESIS)

    assert (verdict.valid, verdict.checked, verdict.first_bad_position) == (True, 0, None)


def tamper(
    rows: list[Row], position: int, body: str | None = None, digest: str | None = None
) -> list[Row]:
    return [
        (
            p,
            body if p == position and body is not None else b,
            digest if p == position and digest is not None else h,
        )
        for p, b, h in rows
    ]


def test_verify_names_the_position_whose_body_was_tampered() -> None:
    chain, head = sealed_chain()
    rows = rows_of(chain)
    forged = rows[3][1].replace('"amount":"1.25"', '"amount":"1000.25"')
    assert forged != rows[3][1]

    verdict = verify_chain(tamper(rows, 4, body=forged), head)

    assert (verdict.valid, verdict.first_bad_position) == (False, 4)


def test_verify_names_the_position_whose_hash_was_tampered() -> None:
    chain, head = sealed_chain()

    verdict = verify_chain(tamper(rows_of(chain), 3, digest="0" * 64), head)

    assert (verdict.valid, verdict.first_bad_position) == (False, 3)


def test_verify_names_the_missing_position_of_a_gap() -> None:
    chain, head = sealed_chain()
    rows = rows_of(chain)

    verdict = verify_chain(rows[:2] + rows[3:], head)

    assert (verdict.valid, verdict.first_bad_position) == (False, 3)


def test_verify_names_a_row_whose_stored_position_disagrees_with_its_body() -> None:
    chain, head = sealed_chain()
    rows = rows_of(chain)
    swapped = [*rows[:2], (3, rows[3][1], rows[3][2]), *rows[3:]]

    verdict = verify_chain(swapped, head)

    assert (verdict.valid, verdict.first_bad_position) == (False, 3)


def test_verify_names_an_event_rehashed_over_a_wrong_prev_hash() -> None:
    chain, head = sealed_chain()
    victim = chain[4]
    wrong_prev = "1" * 64
    envelope = {**victim.envelope, "prevHash": wrong_prev}
    body = canonical_json(envelope)
    rehashed = replace(victim, body=body, hash=chain_hash(wrong_prev, body), envelope=envelope)
    rows = rows_of([*chain[:4], rehashed, *chain[5:]])

    verdict = verify_chain(rows, head)

    assert (verdict.valid, verdict.first_bad_position) == (False, 5)


def test_verify_names_the_first_of_several_bad_positions() -> None:
    chain, head = sealed_chain()
    rows = tamper(tamper(rows_of(chain), 5, digest="e" * 64), 2, digest="d" * 64)

    assert verify_chain(rows, head).first_bad_position == 2


@pytest.mark.parametrize(
    "head_change",
    [
        pytest.param({"hash": "c" * 64}, id="wrong-hash"),
        pytest.param({"position": 5}, id="behind-the-events"),
    ],
)
def test_verify_refuses_a_head_that_does_not_match_the_last_event(
    head_change: dict[str, Any],
) -> None:
    chain, head = sealed_chain()

    verdict = verify_chain(rows_of(chain), replace(head, **head_change))

    assert (verdict.valid, verdict.checked, verdict.first_bad_position) == (False, 6, 6)


def test_verify_refuses_a_chain_truncated_behind_its_head() -> None:
    chain, head = sealed_chain()

    verdict = verify_chain(rows_of(chain[:-1]), head)

    assert not verdict.valid
    assert verdict.first_bad_position is not None
