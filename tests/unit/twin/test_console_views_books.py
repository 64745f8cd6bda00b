"""The console's view models for the books: overview figures, trial balance, verification,
the twin run's report and the product catalogue (pure, no I/O)."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest

from cu_twin.console.views.common import tenant_view
from cu_twin.console.views.ledger import trial_balance_view
from cu_twin.console.views.overview import (
    ReportUnreadableError,
    book_figures,
    run_report_view,
    verification_view,
)
from cu_twin.console.views.products import product_views, term_text
from tests.unit.twin.console_builders import TENANT
from turingcore_client import ChainVerification, Product, Tenant, TrialBalance


def _trial_balance(debits: str = "150.00", credits: str = "150.00") -> TrialBalance:
    def line(
        account: str, kind: str, type_: str, normal: str, d: str, c: str, b: str
    ) -> dict[str, str]:
        return {
            "accountId": account,
            "kind": kind,
            "type": type_,
            "normalBalance": normal,
            "debits": d,
            "credits": c,
            "balance": b,
        }

    return TrialBalance.model_validate(
        {
            "accounts": [
                line("GL_OPENING_FUNDS", "GL", "ASSET", "DEBIT", "150.00", "0.00", "150.00"),
                line("a1", "MEMBER", "DEPOSIT", "CREDIT", "0.00", "100.00", "100.00"),
                line("a2", "MEMBER", "TERM_DEPOSIT", "CREDIT", "0.00", "20.00", "20.00"),
                line("l1", "MEMBER", "LOAN", "DEBIT", "0.00", "0.00", "0.00"),
                line("c1", "MEMBER", "CREDIT_CARD", "DEBIT", "0.00", "30.00", "-30.00"),
            ],
            "totals": {"debits": debits, "credits": credits, "net": "0.00"},
            "balanced": debits == credits,
        }
    )


def test_book_figures_sum_member_balances_by_kind_of_product() -> None:
    figures = book_figures(_trial_balance(), members=3)
    assert (figures.members, figures.accounts) == (3, 4)
    assert (figures.deposits, figures.loans, figures.cards) == ("$120.00", "$0.00", "-$30.00")
    assert figures.balanced


def test_the_trial_balance_groups_member_accounts_and_checks_debits_equal_credits() -> None:
    view = trial_balance_view(_trial_balance(), {"GL_OPENING_FUNDS": "Funds received"})
    assert [r.label for r in view.gl_rows] == ["Funds received"]
    assert [(r.type_label, r.count) for r in view.member_rows] == [
        ("Deposit", 1),
        ("Term deposit", 1),
        ("Loan", 1),
        ("Credit card", 1),
    ]
    assert view.balanced and view.lines_agree
    assert view.total_debits == view.total_credits == "$150.00"
    broken = trial_balance_view(_trial_balance(credits="149.00"), {})
    assert not broken.balanced and broken.difference == "$1.00" and not broken.lines_agree


def test_verification_says_where_the_chain_broke() -> None:
    ok = verification_view(ChainVerification(valid=True, checked=406, first_bad_position=None))
    assert ok.valid and "406" in ok.message
    bad = verification_view(
        ChainVerification(valid=False, checked=406, first_bad_position=57, reason="hash mismatch")
    )
    assert not bad.valid and "position 57" in bad.message and "hash mismatch" in bad.message


def test_a_run_report_lists_its_invariants_and_refuses_other_json() -> None:
    report = {
        "scenario": "S",
        "members": 20,
        "days": 5,
        "seed": 1,
        "fingerprint": "f" * 64,
        "wallTimeS": 1.6,
        "invariants": {
            "event_integrity": {"passed": True, "detail": "ok"},
            "latency_slo": {"passed": False, "detail": "slow"},
        },
    }
    view = run_report_view(json.dumps(report))
    assert not view.passed
    assert [(r.label, r.passed) for r in view.invariants] == [
        ("Event integrity", True),
        ("Latency SLO", False),
    ]
    with pytest.raises(ReportUnreadableError):
        run_report_view("{")
    with pytest.raises(ReportUnreadableError):
        run_report_view('{"invariants": {"x": {"passed": "yes"}}}')


def test_product_terms_read_as_rates_money_and_words() -> None:
    assert term_text("purchaseRate", "0.1299") == "12.99%"
    assert term_text("maxLvr", "0.8") == "80%"
    assert term_text("minOpeningBalance", "1000.00") == "$1,000.00"
    assert term_text("allowOverdraft", False) == "No"
    assert term_text("rateType", "DAILY_BALANCE") == "Daily balance"
    assert term_text("interestFreeDays", 55) == "55"
    product = Product.model_validate(
        {
            "productCode": "CC",
            "name": "Card",
            "productType": "CREDIT_CARD",
            "interest": {"purchaseRate": "0.1299"},
            "fees": {"annualFee": "0.00"},
            "features": ["DEBIT_CARD"],
        }
    )
    view = product_views([product], TENANT)[0]
    assert view.headline_rate == "12.99% p.a. on purchases"
    assert [s.title for s in view.sections] == ["Interest", "Fees"]
    assert view.features == "DEBIT CARD"
    assert view.resource_name == "tc:au:CU_X:product:CC"


def test_an_unknown_time_zone_falls_back_to_utc() -> None:
    tenant = Tenant.model_validate(
        {
            "tenantId": "T",
            "tenantCode": "T",
            "displayName": "T",
            "region": "AU",
            "baseCurrency": "AUD",
            "timeZone": "Mars/Olympus",
            "status": "ACTIVE",
            "createdAt": "2025-01-01T00:00:00Z",
        }
    )
    assert tenant_view(tenant).zone == ZoneInfo("UTC")
