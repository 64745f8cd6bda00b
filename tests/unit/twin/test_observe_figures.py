"""The panel's arithmetic: counter increases, rates, CPU%, and histogram_quantile."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cu_twin.observe.figures import (
    bucket_increase,
    counter_increase,
    cpu_percent,
    histogram_quantile,
    rate_per_s,
    share,
)

INF = math.inf
BOUNDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
counts = st.floats(min_value=0, max_value=1e12, allow_nan=False)


def test_a_counter_that_grew_increased_by_the_difference() -> None:
    assert counter_increase(10, 25) == 15


def test_a_counter_that_went_down_was_reset_and_counts_from_zero() -> None:
    assert counter_increase(1_000, 40) == 40


@given(counts, counts)
def test_a_counter_increase_is_never_negative_and_never_more_than_the_new_value(
    before: float, after: float
) -> None:
    grew = counter_increase(before, after)
    assert 0 <= grew <= after


def test_a_rate_is_per_second_and_undefined_without_elapsed_time() -> None:
    assert rate_per_s(300, 2.0) == 150
    assert rate_per_s(300, 0.0) is None


def test_cpu_percent_is_cpu_seconds_over_wall_seconds() -> None:
    assert cpu_percent(10.0, 10.5, 1.0) == pytest.approx(50.0)
    assert cpu_percent(10.0, 14.0, 2.0) == pytest.approx(200.0)  # two cores busy
    assert cpu_percent(50.0, 0.3, 1.0) == pytest.approx(30.0)  # the core restarted
    assert cpu_percent(1.0, 2.0, 0.0) is None


def test_a_share_is_bounded_and_undefined_for_nothing() -> None:
    assert share(1, 4) == 0.25
    assert share(0, 0) is None


def test_the_quantile_interpolates_inside_the_bucket_where_its_rank_falls() -> None:
    buckets = [(0.1, 10), (0.5, 30), (1.0, 40), (INF, 40)]
    assert histogram_quantile(0.25, buckets) == pytest.approx(0.1)
    assert histogram_quantile(0.5, buckets) == pytest.approx(0.3)
    assert histogram_quantile(0.99, buckets) == pytest.approx(0.98)


def test_a_rank_in_the_inf_bucket_answers_the_highest_finite_bound() -> None:
    assert histogram_quantile(0.9, [(0.1, 5), (0.5, 5), (INF, 10)]) == 0.5


def test_no_observations_or_no_inf_bucket_has_no_quantile() -> None:
    assert histogram_quantile(0.5, [(0.1, 0), (INF, 0)]) is None
    assert histogram_quantile(0.5, [(0.1, 3), (0.5, 4)]) is None
    assert histogram_quantile(0.5, []) is None


def test_a_quantile_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        histogram_quantile(1.5, [(0.1, 1), (INF, 1)])


def test_what_was_observed_between_two_scrapes_is_the_bucket_difference() -> None:
    before = {0.1: 5, 0.5: 8, INF: 9}
    after = {0.1: 7, 0.5: 18, INF: 20}
    assert bucket_increase(before, after) == [(0.1, 2), (0.5, 10), (INF, 11)]


def test_a_histogram_whose_total_went_down_was_reset_as_a_whole() -> None:
    before = {0.1: 500, 0.5: 900, INF: 1_000}
    after = {0.1: 3, 0.5: 900, INF: 950}  # 0.5 happens to equal its old value
    assert bucket_increase(before, after) == [(0.1, 3), (0.5, 900), (INF, 950)]


def _histogram(observations: list[float]) -> list[tuple[float, float]]:
    return [(le, float(sum(1 for o in observations if o <= le))) for le in (*BOUNDS, INF)]


def _bucket_of(value: float) -> tuple[float, float]:
    lower = 0.0
    for le in (*BOUNDS, INF):
        if value <= le:
            return lower, le
        lower = le
    raise AssertionError("every value is <= +Inf")


observations = st.lists(
    st.floats(min_value=0, max_value=8, allow_nan=False), min_size=1, max_size=200
)
quantiles = st.floats(min_value=0.01, max_value=1.0)


@settings(max_examples=300)
@given(observations, quantiles)
def test_the_estimate_lies_in_the_bucket_of_the_true_quantile(
    values: list[float], q: float
) -> None:
    ordered = sorted(values)
    true = ordered[math.ceil(q * len(ordered)) - 1]
    estimate = histogram_quantile(q, _histogram(values))
    lower, upper = _bucket_of(true)
    assert estimate is not None
    if upper == INF:
        assert estimate == BOUNDS[-1]
    else:
        assert lower - 1e-12 <= estimate <= upper + 1e-12


@given(observations, quantiles, quantiles)
def test_a_higher_quantile_is_never_lower(values: list[float], q1: float, q2: float) -> None:
    buckets = _histogram(values)
    low, high = sorted((q1, q2))
    a, b = histogram_quantile(low, buckets), histogram_quantile(high, buckets)
    assert a is not None and b is not None
    assert a <= b + 1e-12
