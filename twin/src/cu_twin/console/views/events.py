"""Events as operators read them: one-line summaries, the ticker, rates, one event in full."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cu_twin.console.formatting import (
    MASK,
    ResourceKind,
    aud,
    local_datetime,
    local_time,
    mask_date_of_birth,
    mask_email,
    mask_mobile,
    parse_instant,
)
from cu_twin.console.views.common import TenantView
from turingcore_client import Event, to_cents

SENSITIVE_MASKS: dict[str, Callable[[str], str]] = {
    "dateOfBirth": mask_date_of_birth,
    "email": mask_email,
    "mobile": mask_mobile,
    "line1": lambda _: MASK,
    "line2": lambda _: MASK,
}


def entry_amount_cents(payload: Mapping[str, Any]) -> int:
    """The size of an entry: the sum of its debit legs (= the sum of its credits)."""
    return sum(
        to_cents(leg["amount"]) for leg in payload.get("legs", []) if leg["direction"] == "DEBIT"
    )


def event_summary(event: Event) -> str:
    """One line that says what happened, without personal details."""
    p = event.payload
    match event.event_type:
        case "EntryPosted":
            return f"{p.get('narrative', 'Entry')} · {aud(entry_amount_cents(p))}"
        case "AccountOpened":
            alias = p.get("accountAlias")
            return f"{p.get('productCode', 'Account')} opened" + (f" ({alias})" if alias else "")
        case "CustomerCreated":
            return f"Member {p.get('externalRef') or event.stream_id} joined"
        case "ProductCreated" | "ProductUpdated":
            return f"{p.get('productCode', '')} {p.get('name', '')}".strip()
        case "TenantCreated":
            return f"Tenant {p.get('displayName', event.tenant_id)} created"
        case _:
            return event.event_type


@dataclass(frozen=True)
class TickerRow:
    position: int
    event_type: str
    time: str
    summary: str
    is_new: bool


def ticker_rows(events: Sequence[Event], zone: ZoneInfo, *, newer_than: int) -> list[TickerRow]:
    """The ticker, newest first; rows past ``newer_than`` are flagged to be highlighted."""
    return [
        TickerRow(
            position=e.position,
            event_type=e.event_type,
            time=local_time(e.occurred_at, zone),
            summary=event_summary(e),
            is_new=e.position > newer_than,
        )
        for e in reversed(events)
    ]


BURST_GAP_S = 2.0


@dataclass(frozen=True)
class CommandRate:
    """Commands per second from the feed's ``recordedAt``: now, and over the latest burst
    (the newest events recorded without a pause longer than ``BURST_GAP_S``)."""

    recent_per_s: float
    window_s: int
    burst_per_s: float | None
    burst_commands: int
    burst_span_s: float


def _latest_burst(stamped: list[tuple[datetime, str]]) -> list[tuple[datetime, str]]:
    start = len(stamped) - 1
    while start > 0:
        if (stamped[start][0] - stamped[start - 1][0]).total_seconds() > BURST_GAP_S:
            break
        start -= 1
    return stamped[max(start, 0) :]


def command_rate(events: Sequence[Event], now: datetime, window_s: int) -> CommandRate:
    """Distinct commands (causationIds) recorded in the last ``window_s`` seconds before
    ``now``, and in the latest burst of the sample divided by the burst's time span."""
    stamped = [(parse_instant(e.recorded_at), e.causation_id) for e in events]
    since = now - timedelta(seconds=window_s)
    recent = {command for at, command in stamped if at > since}
    burst = _latest_burst(stamped)
    commands = {command for _, command in burst}
    span_s = (burst[-1][0] - burst[0][0]).total_seconds() if burst else 0.0
    return CommandRate(
        recent_per_s=len(recent) / window_s,
        window_s=window_s,
        burst_per_s=len(commands) / span_s if span_s > 0 else None,
        burst_commands=len(commands),
        burst_span_s=span_s,
    )


def masked_payload(value: Any) -> Any:
    """A copy of an event payload with dates of birth, contact details and streets masked."""
    if isinstance(value, dict):
        return {
            k: SENSITIVE_MASKS[k](v)
            if k in SENSITIVE_MASKS and isinstance(v, str)
            else masked_payload(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [masked_payload(v) for v in value]
    return value


def has_personal_data(payload: Mapping[str, Any]) -> bool:
    """True when masking changes something in the payload."""
    return bool(masked_payload(dict(payload)) != dict(payload))


@dataclass(frozen=True)
class LegRow:
    account_id: str
    direction: str
    amount: str
    balance_after: str | None
    is_gl: bool


def leg_rows(payload: Mapping[str, Any]) -> list[LegRow]:
    """An entry's legs with each touched account's balance after it."""
    after = {b["accountId"]: b["balanceAfter"] for b in payload.get("balances", [])}
    return [
        LegRow(
            account_id=leg["accountId"],
            direction=leg["direction"],
            amount=aud(to_cents(leg["amount"])),
            balance_after=aud(to_cents(after[leg["accountId"]]))
            if leg["accountId"] in after
            else None,
            is_gl=leg["accountId"].startswith("GL_"),
        )
        for leg in payload.get("legs", [])
    ]


@dataclass(frozen=True)
class EventView:
    """One event in full, with its chain fields and a (masked unless revealed) payload."""

    position: int
    event_id: str
    event_type: str
    resource_name: str
    stream_id: str
    stream_is_account: bool
    occurred: str
    recorded: str
    causation_id: str
    correlation_id: str
    actor: str
    prev_hash: str
    hash: str
    summary: str
    legs: list[LegRow]
    payload_json: str
    masked: bool
    has_personal_data: bool


def event_view(event: Event, tenant: TenantView, *, reveal: bool) -> EventView:
    """The event page's view; personal data in the payload is masked unless ``reveal``."""
    personal = has_personal_data(event.payload)
    shown = event.payload if reveal else masked_payload(event.payload)
    actor = event.actor
    return EventView(
        position=event.position,
        event_id=event.event_id,
        event_type=event.event_type,
        resource_name=tenant.name_of(ResourceKind.EVENT, event.event_id),
        stream_id=event.stream_id,
        stream_is_account=event.event_type == "AccountOpened",
        occurred=local_datetime(event.occurred_at, tenant.zone),
        recorded=local_datetime(event.recorded_at, tenant.zone),
        causation_id=event.causation_id,
        correlation_id=event.correlation_id,
        actor=f"{actor.get('actorType', '?')} {actor.get('actorId', '?')}",
        prev_hash=event.prev_hash,
        hash=event.hash,
        summary=event_summary(event),
        legs=leg_rows(event.payload) if event.event_type == "EntryPosted" else [],
        payload_json=json.dumps(shown, indent=2, sort_keys=True, ensure_ascii=False),
        masked=personal and not reveal,
        has_personal_data=personal,
    )


def events_of_command(events: Sequence[Event], command_id: str) -> list[Event]:
    """The events a command caused (they are contiguous in the feed), in order."""
    return [e for e in events if e.causation_id == command_id]
