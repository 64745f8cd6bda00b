"""The console's view models for accounts, members and events (pure, no I/O)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cu_twin.console.views.accounts import account_view, timeline_rows, transaction_rows
from cu_twin.console.views.common import newest_first_window, pager
from cu_twin.console.views.events import (
    command_rate,
    event_summary,
    event_view,
    events_of_command,
    masked_payload,
    ticker_rows,
)
from cu_twin.console.views.members import contact_view, member_rows, member_view
from tests.unit.twin.console_builders import ACCOUNT_ID, CUSTOMER, TENANT, account, entry, event


def test_transactions_show_direction_amount_and_the_recorded_balance_after() -> None:
    events = [
        event(1, "AccountOpened", {"accountId": ACCOUNT_ID}),
        entry(
            2,
            [("GL_X", "DEBIT", "100.00"), (ACCOUNT_ID, "CREDIT", "100.00")],
            {ACCOUNT_ID: "100.00"},
        ),
        entry(
            3, [(ACCOUNT_ID, "DEBIT", "30.5"), ("GL_Y", "CREDIT", "30.5")], {ACCOUNT_ID: "69.50"}
        ),
    ]
    rows = transaction_rows(events, ACCOUNT_ID, TENANT.zone)
    assert [(r.position, r.debit, r.credit, r.balance_after) for r in rows] == [
        (2, None, "$100.00", "$100.00"),
        (3, "$30.50", None, "$69.50"),
    ]
    assert rows[0].value_date == "2 Jan 2025"


def test_the_timeline_keeps_every_event_with_its_chain_fields_and_command() -> None:
    rows = timeline_rows([event(7, "AccountOpened", {"accountId": ACCOUNT_ID})], TENANT.zone)
    assert rows[0].position == 7 and rows[0].causation_id == "cmd-7"
    assert rows[0].hash == f"{7:064x}" and rows[0].hash_short.endswith("…")
    assert rows[0].prev_hash == "0" * 64


def test_the_account_header_names_the_account_canonically_and_formats_money() -> None:
    view = account_view(account(), TENANT)
    assert view.resource_name == "tc:au:CU_X:account:acc-1"
    assert (view.balance, view.available, view.floor, view.limit) == (
        "$1,234.50",
        "$1,200.00",
        "$0.00",
        None,
    )
    assert view.opened == "1 Jan 2025, 00:00:00 AEDT"
    assert account_view(account(type="LOAN", normalBalance="DEBIT"), TENANT).balance_meaning == (
        "owed by the member"
    )


def test_newest_first_windows_page_backwards_from_the_end() -> None:
    assert newest_first_window(total=120, page=1, size=50) == (70, 50)
    assert newest_first_window(total=120, page=3, size=50) == (0, 20)
    assert newest_first_window(total=120, page=4, size=50) == (0, 0)
    assert newest_first_window(total=0, page=1, size=50) == (0, 0)


def test_the_pager_links_keep_the_search_and_drop_empty_filters() -> None:
    p = pager("/members", {"q": "gray", "segment": ""}, page=2, size=25, total=60, shown=25)
    assert (p.first_item, p.last_item, p.pages) == (26, 50, 3)
    assert p.previous_url == "/members?q=gray"
    assert p.next_url == "/members?q=gray&page=3"
    empty = pager("/members", {}, page=1, size=25, total=0, shown=0)
    assert (empty.pages, empty.first_item, empty.next_url) == (1, 0, None)


def test_contact_details_are_masked_unless_revealed() -> None:
    masked = {f.label: f.value for f in contact_view(CUSTOMER, reveal=False).fields}
    shown = {f.label: f.value for f in contact_view(CUSTOMER, reveal=True).fields}
    assert "1973" not in json.dumps(masked) and "Ocean" not in json.dumps(masked)
    assert masked["Email"] == "g•••@gmail.example"
    assert shown["Date of birth"] == "11 Sep 1973"
    assert shown["Email"] == "gray.k@gmail.example"
    assert shown["Mobile"] == "+61 491 574 460"
    assert shown["Street address"] == "2/107 Ocean Drive"


def test_member_rows_and_profile_carry_no_contact_details() -> None:
    row = member_rows([CUSTOMER], TENANT)[0]
    assert (row.name, row.external_ref, row.segment, row.locality) == (
        "Kevin Gray",
        "CUST-000001",
        "Premium",
        "Parramatta NSW 2150",
    )
    profile = member_view(CUSTOMER, TENANT)
    text = json.dumps([f.value for f in profile.profile])
    assert "gmail" not in text and "1973" not in text
    assert profile.resource_name == "tc:au:CU_X:customer:cust-1"


def test_event_payloads_are_masked_recursively() -> None:
    payload = {"person": {"dateOfBirth": "1973-09-11", "email": "a@b.example"}, "n": [1]}
    assert masked_payload(payload) == {
        "person": {"dateOfBirth": "••/••/••••", "email": "a•••@b.example"},
        "n": [1],
    }
    created = event(5, "CustomerCreated", payload)
    assert event_view(created, TENANT, reveal=False).masked
    assert "1973" in event_view(created, TENANT, reveal=True).payload_json


def test_summaries_say_what_happened_without_personal_data() -> None:
    posted = entry(2, [("GL_X", "DEBIT", "12.30"), ("a", "CREDIT", "12.30")], {"a": "12.30"})
    assert event_summary(posted) == "entry 2 · $12.30"
    customer = event(3, "CustomerCreated", {"externalRef": "CUST-1", "person": {"email": "x"}})
    assert event_summary(customer) == "Member CUST-1 joined"


def test_the_ticker_is_newest_first_and_flags_events_after_the_cursor() -> None:
    events = [event(p, "AccountOpened", {"productCode": "TXN"}) for p in (8, 9, 10)]
    rows = ticker_rows(events, TENANT.zone, newer_than=9)
    assert [(r.position, r.is_new) for r in rows] == [(10, True), (9, False), (8, False)]


def test_command_rate_counts_distinct_commands_now_and_over_the_sample() -> None:
    now = datetime(2025, 6, 1, 0, 0, 10, tzinfo=UTC)
    events = [
        event(1, "X", {}, causationId="a", recordedAt="2025-06-01T00:00:00Z"),
        event(2, "X", {}, causationId="a", recordedAt="2025-06-01T00:00:00Z"),
        event(3, "X", {}, causationId="b", recordedAt="2025-06-01T00:00:05Z"),
        event(4, "X", {}, causationId="c", recordedAt="2025-06-01T00:00:07Z"),
    ]
    rate = command_rate(events, now, window_s=4)
    assert rate.recent_per_s == pytest.approx(1 / 4)  # only c (at 7 s) is after 6 s
    # The latest burst (gaps of 2 s at most) is b and c: 2 commands in 2 s.
    assert (rate.burst_commands, rate.burst_span_s) == (2, 2.0)
    assert rate.burst_per_s == pytest.approx(1.0)
    assert command_rate(events[:3], now, window_s=4).burst_per_s is None  # b stands alone
    assert command_rate([], now, window_s=10).burst_per_s is None


def test_events_of_a_command_are_picked_by_causation_id() -> None:
    events = [event(p, "X", {}, causationId="a" if p in (2, 3) else "z") for p in (1, 2, 3, 4)]
    assert [e.position for e in events_of_command(events, "a")] == [2, 3]
