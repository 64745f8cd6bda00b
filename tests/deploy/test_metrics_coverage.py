"""Every series the dashboard and the alerts read is one a real core (or the twin) exports,
with the labels the queries use.

A real ``turingcore serve`` gets a short scripted run (tenant, products, customer,
accounts, postings, a rejection, a batch, a chain verification) so that every labelled
series has a child; then its ``/metrics`` is scraped and parsed. The twin's series come
from its own registry (``cu_twin.observe.metrics``) plus the labels a push adds.
"""

from __future__ import annotations

import httpx
import pytest
from prometheus_client import generate_latest

from cu_twin.observe.metrics import TWIN_METRIC_NAMES, run_registry
from cu_twin.validators.findings import InvariantResult
from tests.deploy import promql
from tests.deploy.deploy_files import alert_rules, dashboard_exprs
from tests.support.api import Api, entry, setup_ledger
from tests.support.core_process import CoreProcess

TENANT = "CU_METRICS"
PUSH_LABELS = frozenset({"job", "instance", "tenant"})
"""What a twin push adds (job ``cu_twin``, the tenant grouping key); kept by honor_labels."""
EXPRESSIONS = [
    *((f"dashboard: {title}", expr) for title, expr in dashboard_exprs()),
    *((f"alert: {rule['alert']}", rule["expr"]) for rule in alert_rules()),
]


def scripted_run(api: Api) -> None:
    ledger = setup_ledger(api, TENANT)
    salary = [("GL_SALARY_CLEARING", "DEBIT", "50.00"), (ledger.txn, "CREDIT", "50.00")]
    api.ok(TENANT, entry(TENANT, salary))
    overdrawn = entry(TENANT, [(ledger.savings, "DEBIT", "5.00"), (ledger.txn, "CREDIT", "5.00")])
    rejected = api.send(TENANT, overdrawn)
    assert rejected.status_code == 422, rejected.text
    batch = {"commands": [entry(TENANT, salary), entry(TENANT, salary)]}
    answer = api.post(f"/tenants/{TENANT}/commands:batch", batch)
    assert answer.status_code == 200, answer.text
    assert api.get(f"/tenants/{TENANT}/chain/verify").json()["valid"] is True


@pytest.fixture(scope="module")
def core_series(core: CoreProcess) -> dict[str, frozenset[str]]:
    scripted_run(Api(core.url, core.admin_key))
    scrape = httpx.get(f"{core.url}/metrics", timeout=10)
    assert scrape.status_code == 200
    return promql.exported_series(scrape.text)


@pytest.fixture(scope="module")
def twin_series() -> dict[str, frozenset[str]]:
    registry = run_registry(
        [InvariantResult("balances_derivable", True, "ok")], {"PostEntry": 1}, 1.0
    )
    exported = promql.exported_series(generate_latest(registry).decode())
    assert set(TWIN_METRIC_NAMES) <= set(exported), "the twin's names drifted"
    return {name: labels | PUSH_LABELS for name, labels in exported.items()}


@pytest.fixture(scope="module")
def exported(
    core_series: dict[str, frozenset[str]], twin_series: dict[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    return {**core_series, **twin_series}


def test_the_scripted_run_shows_in_the_core_metrics(core_series: dict[str, frozenset[str]]) -> None:
    for name in (
        "turingcore_command_rejections_total",
        "turingcore_batch_commands_bucket",
        "turingcore_chain_verifications_total",
        "turingcore_store_transaction_duration_seconds_bucket",
    ):
        assert name in core_series, name


@pytest.mark.parametrize(("where", "expr"), EXPRESSIONS, ids=[w for w, _ in EXPRESSIONS])
def test_every_series_a_query_reads_is_exported_with_its_labels(
    where: str, expr: str, exported: dict[str, frozenset[str]]
) -> None:
    assert promql.problems(promql.series_uses(expr), exported) == []


@pytest.mark.parametrize(
    ("expr", "problem"),
    [
        ("rate(turingcore_http_requests_bogus_total[5m])", "no such series"),
        ("histogram_quantile(0.99, rate(turingcore_http_request_duration_seconds[5m]))", "no such"),
        ("sum(rate(turingcore_commands[5m]))", "no such series"),
        ("sum by (tenant) (rate(turingcore_commands_total[5m]))", "no label tenant"),
        ('turingcore_store_up{kind="command"}', "no label kind"),
        ("max by (rule) (cu_twin_invariant_failures)", "no label rule"),
    ],
)
def test_the_check_reports_what_is_not_exported(
    expr: str, problem: str, exported: dict[str, frozenset[str]]
) -> None:
    found = promql.problems(promql.series_uses(expr), exported)
    assert len(found) == 1 and problem in found[0], found
