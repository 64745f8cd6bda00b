"""The arithmetic a dashboard does on Prometheus samples: increases, rates, quantiles.

Pure functions of numbers, the same rules PromQL applies: a counter that went down was
reset (its new value is the increase), and ``histogram_quantile`` interpolates linearly
inside the bucket where the quantile's rank falls.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

Buckets = Sequence[tuple[float, float]]
"""A cumulative histogram: (upper bound ``le``, observations <= le); +Inf included."""


def counter_increase(before: float, after: float) -> float:
    """How much a counter grew; a drop means the process restarted (count from zero)."""
    return after - before if after >= before else after


def rate_per_s(increase: float, elapsed_s: float) -> float | None:
    """Per second over ``elapsed_s``; None when no time has passed."""
    if elapsed_s <= 0:
        return None
    return increase / elapsed_s


def share(part: float, whole: float) -> float | None:
    """``part / whole`` in 0..1; None when there is nothing to share."""
    if whole <= 0:
        return None
    return min(max(part / whole, 0.0), 1.0)


def cpu_percent(cpu_s_before: float, cpu_s_after: float, elapsed_s: float) -> float | None:
    """CPU time used over wall time, in percent (100 = one core busy; can exceed 100)."""
    rate = rate_per_s(counter_increase(cpu_s_before, cpu_s_after), elapsed_s)
    return None if rate is None else rate * 100.0


def bucket_increase(
    before: Mapping[float, float], after: Mapping[float, float]
) -> list[tuple[float, float]]:
    """The histogram of what was observed between two scrapes, sorted by bound.

    Bounds missing from ``before`` count from zero (the series appeared in between); a
    reset is detected on the +Inf bucket (the total count) and applies to every bucket.
    """
    reset = after.get(math.inf, 0.0) < before.get(math.inf, 0.0)
    return sorted(
        (le, count if reset else counter_increase(before.get(le, 0.0), count))
        for le, count in after.items()
    )


def _monotonic(buckets: Buckets) -> list[tuple[float, float]]:
    """Cumulative counts never decrease; scrapes racing an observation can make them."""
    fixed: list[tuple[float, float]] = []
    highest = 0.0
    for le, count in sorted(buckets):
        highest = max(highest, count)
        fixed.append((le, highest))
    return fixed


def histogram_quantile(q: float, buckets: Buckets) -> float | None:
    """The ``q``-quantile (0 <= q <= 1) of a cumulative histogram, as Prometheus computes it.

    None when there are no observations or no +Inf bucket. A rank in the +Inf bucket
    answers with the highest finite bound (nothing better is known).
    """
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"a quantile is between 0 and 1, not {q}")
    ordered = _monotonic(buckets)
    if len(ordered) < 2 or ordered[-1][0] != math.inf:
        return None
    total = ordered[-1][1]
    if total <= 0:
        return None
    rank = q * total
    index = next(i for i, (_, count) in enumerate(ordered) if count >= rank)
    upper, count = ordered[index]
    if index == len(ordered) - 1:
        return ordered[-2][0]
    if index == 0 and upper <= 0:
        return upper
    lower, count_before = (0.0, 0.0) if index == 0 else ordered[index - 1]
    in_bucket = count - count_before
    if in_bucket <= 0:
        return lower
    return lower + (upper - lower) * ((rank - count_before) / in_bucket)
