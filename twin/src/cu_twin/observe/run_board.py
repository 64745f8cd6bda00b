"""The twin's own progress for the panel: phase, simulated day, commands sent.

Fed by the runner's progress hooks on the main thread, read by the panel's refresh
thread; a lock keeps the three figures consistent with each other.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, replace

from cu_twin.runner.scenario_run import Progress
from cu_twin.scenarios.plan_types import DayPlan


@dataclass(frozen=True)
class RunStatus:
    phase: str | None = None
    day_number: int = 0
    days: int = 0
    day: dt.date | None = None
    commands_sent: int = 0


class RunBoard:
    def __init__(self) -> None:
        self._status = RunStatus()
        self._lock = threading.Lock()

    def status(self) -> RunStatus:
        with self._lock:
            return self._status

    def phase(self, name: str, total: int) -> None:
        with self._lock:
            days = total if name == "simulate" else self._status.days
            self._status = replace(self._status, phase=name, days=days)

    def sent(self, n: int) -> None:
        with self._lock:
            self._status = replace(self._status, commands_sent=self._status.commands_sent + n)

    def day_done(self, plan: DayPlan) -> None:
        with self._lock:
            self._status = replace(self._status, day_number=plan.day_number, day=plan.day)


def tracked(hooks: Progress, board: RunBoard) -> Progress:
    """``hooks`` as they were, each also recorded on ``board``."""

    def phase(name: str, total: int) -> None:
        board.phase(name, total)
        hooks.phase(name, total)

    def advance(n: int) -> None:
        board.sent(n)
        hooks.advance(n)

    def day(plan: DayPlan) -> None:
        board.day_done(plan)
        hooks.day(plan)

    return Progress(phase=phase, advance=advance, day=day)
