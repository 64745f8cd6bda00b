"""Shared pieces of the benchmarks: machine description, timing, results, tables."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memoryGiB": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    target: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline_value in (None, 0):
            return None
        return self.value / self.baseline_value

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 2),
            "unit": self.unit,
            "baseline": self.baseline,
            "baselineValue": None if self.baseline_value is None else round(self.baseline_value, 2),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "target": self.target,
        }


@dataclass
class Results:
    suite: str
    figures: list[Figure] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def save(self) -> Path:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{self.suite}.json"
        body = {
            "suite": self.suite,
            "machine": machine(),
            "figures": [f.to_json() for f in self.figures],
            "notes": self.notes,
        }
        path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
        return path

    def print(self) -> None:
        print(f"\n== {self.suite}")
        for f in self.figures:
            line = f"  {f.name:<58} {f.value:>12,.1f} {f.unit}"
            if f.baseline is not None and f.baseline_value is not None:
                line += f"   | {f.baseline}: {f.baseline_value:,.1f}  ratio {f.ratio:.2f}"
            if f.target:
                line += f"   [target {f.target}]"
            print(line)


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
