"""A whole scenario run: bootstrap -> seed -> simulate -> inspect -> report."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from cu_twin.config.scenario import ScenarioConfig
from cu_twin.config.tenant import TenantConfig
from cu_twin.generators.holdings import generate_accounts
from cu_twin.generators.members import generate_members
from cu_twin.reports.summary import RunReport
from cu_twin.runner.inspection import latency_figures, run_invariants
from cu_twin.runner.phases import bootstrap, scenario_start, seed, simulate
from cu_twin.runner.session import Session
from cu_twin.scenarios.plan_types import DayPlan, Flow
from cu_twin.scenarios.steady_state_plan import iter_steady_state_plan, plan_seed_postings
from turingcore_client import Client

ClientFor = Callable[[str], AbstractContextManager[Client]]


@dataclass
class Progress:
    """Callbacks a front end (Rich progress bars) hooks into; all optional."""

    phase: Callable[[str, int], None] = lambda name, total: None
    advance: Callable[[int], None] = lambda n: None
    day: Callable[[DayPlan], None] = lambda day: None


def run_scenario(
    admin: Client,
    client_for: ClientFor,
    core_url: str,
    scenario: ScenarioConfig,
    tenant: TenantConfig,
    progress: Progress | None = None,
) -> RunReport:
    progress = progress or Progress()
    started = time.perf_counter()
    phases: dict[str, float] = {}
    tenant_id = tenant.tenant.tenant_code
    currency = tenant.tenant.base_currency
    scope = (scenario.scenario_code, scenario.seed, scenario.members, scenario.days)
    session = Session(admin, tenant_id, scope, on_progress=progress.advance)
    at = scenario_start(scenario)

    mark = time.perf_counter()
    progress.phase("bootstrap", 1 + len(tenant.products))
    bootstrap(session, tenant, at)
    phases["bootstrap"] = time.perf_counter() - mark

    mark = time.perf_counter()
    members = generate_members(
        scenario.members, tenant.member_mix, scenario.seed, as_of=scenario.start_date
    )
    accounts = generate_accounts(members, scenario, tenant)
    seed_postings = plan_seed_postings(scenario, members, accounts)
    progress.phase("seed", len(members) + len(accounts) + len(seed_postings))
    book = seed(session, members, accounts, seed_postings, at, currency)
    phases["seed"] = time.perf_counter() - mark

    mark = time.perf_counter()
    skipped: Counter[str] = Counter()

    def on_day(day: DayPlan) -> None:
        skipped.update({f.value: n for f, n in day.skipped.items()})
        progress.day(day)

    progress.phase("simulate", scenario.days)
    simulate(session, iter_steady_state_plan(scenario, members, accounts), book, currency, on_day)
    phases["simulate"] = time.perf_counter() - mark

    mark = time.perf_counter()
    progress.phase("inspect", 1)
    invariants, data, print_ = run_invariants(
        admin,
        client_for,
        tenant_id,
        sent=session.sent,
        latencies_ms=session.stats.command_latencies_ms,
        rng=random.Random(scenario.seed),
    )
    phases["inspect"] = time.perf_counter() - mark

    flows, moved = data.flows, data.moved_cents
    stats = session.stats
    card_flows = {Flow.DEBIT_CARD_PURCHASE.value, Flow.CREDIT_CARD_PURCHASE.value}
    counts: dict[str, Any] = {
        "customers": len(data.customers),
        "accounts": sum(1 for a in data.accounts if a.get("kind") == "MEMBER"),
        "glAccounts": sum(1 for a in data.accounts if a.get("kind") == "GL"),
        "commandsSent": stats.commands_sent,
        "commandsByType": dict(sorted(stats.commands_by_type.items())),
        "accepted": stats.accepted,
        "alreadyProcessed": stats.already_processed,
        "rejected": sum(stats.rejections.values()),
        "requests": stats.requests,
        "events": data.events,
        "postingsByFlow": dict(sorted(flows.items())),
        "cardTransactions": sum(n for f, n in flows.items() if f in card_flows),
    }
    return RunReport(
        scenario=scenario.scenario_code,
        seed=scenario.seed,
        members=scenario.members,
        days=scenario.days,
        tenant_id=tenant_id,
        core_url=core_url,
        fingerprint=print_,
        invariants=invariants,
        counts=counts,
        rejections=dict(stats.rejections),
        money_moved_cents=dict(moved),
        latency_ms=latency_figures(stats.command_latencies_ms),
        wall_time_s=time.perf_counter() - started,
        phases_s=phases,
        batch_latency_ms=latency_figures(stats.batch_latencies_ms),
        plan={"skippedByFlow": dict(sorted(skipped.items()))},
    )
