"""Every committed figure as one Markdown table: ``python -m bench.report``.

Reads ``bench/results/*.json`` (what the last ``scripts/bench`` wrote), so the table in
``docs/performance.md`` is pasted from the numbers, never retyped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.common import RESULTS

ORDER = (
    "inprocess",
    "inprocess-postgresql",
    "http-sqlite",
    "http-postgresql",
    "chain",
    "twin-sqlite",
    "twin-postgresql",
    "scaling",
)


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def rows(suite: dict[str, Any]) -> list[str]:
    lines = []
    for f in suite["figures"]:
        baseline = ""
        if f.get("baseline") and f.get("baselineValue") is not None:
            baseline = f"{f['baseline']}: {_number(f['baselineValue'])}"
        ratio = f"{f['ratio']:.2f}" if f.get("ratio") is not None else ""
        lines.append(
            f"| {f['name']} | {_number(f['value'])} {f['unit']} | {baseline} | {ratio} "
            f"| {f.get('target') or ''} |"
        )
    return lines


def table(folder: Path = RESULTS) -> str:
    suites = {p.stem: json.loads(p.read_text("utf-8")) for p in folder.glob("*.json")}
    names = [n for n in ORDER if n in suites] + sorted(set(suites) - set(ORDER))
    out = ["| figure | value | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
    for name in names:
        out += rows(suites[name])
    commits = sorted({s["machine"].get("commit", "") for s in suites.values()})
    machine = next(iter(suites.values()))["machine"] if suites else {}
    out.append("")
    out.append(
        f"Machine: {machine.get('cpus')} CPUs ({machine.get('cpu')}), "
        f"{machine.get('memoryGiB')} GiB, Python {machine.get('python')}; "
        f"commit(s) {', '.join(commits)}."
    )
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(table() + "\n")
