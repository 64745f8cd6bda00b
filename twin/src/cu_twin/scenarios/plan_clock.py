"""Synthetic clock: when in the day each kind of activity happens.

Times are seconds after local midnight. No profile uses 02:00-02:59, the hour that does
not exist (October) or happens twice (April) when Sydney changes to or from daylight
saving, so every planned local time maps to exactly one instant.
"""

from __future__ import annotations

import datetime as dt
import random
from enum import StrEnum
from zoneinfo import ZoneInfo

from cu_twin.generators.rng import WeightedTable, uniform_int

SECONDS_PER_HOUR = 3600
SECONDS_PER_DAY = 86_400
DST_SHIFT_HOUR = 2


class DayProfile(StrEnum):
    """Kinds of activity with their own busy hours."""

    SALARY = "SALARY"
    DIRECT_DEBIT = "DIRECT_DEBIT"
    RETAIL = "RETAIL"
    BILLS = "BILLS"
    TRANSFERS = "TRANSFERS"
    CASH = "CASH"


# Relative weight of each local hour (absent hours have none).
HOUR_WEIGHTS: dict[DayProfile, dict[int, int]] = {
    DayProfile.SALARY: {3: 2, 4: 3, 5: 3},
    DayProfile.DIRECT_DEBIT: {4: 1, 5: 2, 6: 2},
    DayProfile.RETAIL: {
        6: 2, 7: 5, 8: 7, 9: 6, 10: 6, 11: 7, 12: 10, 13: 9, 14: 6,
        15: 6, 16: 7, 17: 9, 18: 9, 19: 7, 20: 5, 21: 3, 22: 1,
    },
    DayProfile.BILLS: {
        7: 2, 8: 3, 9: 4, 10: 4, 11: 4, 12: 5, 13: 4, 14: 4, 15: 3,
        16: 3, 17: 3, 18: 4, 19: 5, 20: 5, 21: 4, 22: 2,
    },
    DayProfile.TRANSFERS: {
        0: 1, 1: 1, 6: 1, 7: 2, 8: 3, 9: 3, 10: 3, 11: 3, 12: 4, 13: 3, 14: 3,
        15: 3, 16: 3, 17: 4, 18: 5, 19: 6, 20: 6, 21: 5, 22: 4, 23: 2,
    },
    DayProfile.CASH: {
        7: 2, 8: 4, 9: 5, 10: 5, 11: 6, 12: 7, 13: 6, 14: 5, 15: 5, 16: 6,
        17: 7, 18: 6, 19: 5, 20: 4, 21: 2, 22: 1,
    },
}  # fmt: skip


_HOUR_TABLES: dict[DayProfile, WeightedTable[int]] = {
    profile: WeightedTable(list(weights.items())) for profile, weights in HOUR_WEIGHTS.items()
}
if any(DST_SHIFT_HOUR in weights for weights in HOUR_WEIGHTS.values()):
    raise AssertionError("no activity may be planned in the daylight-saving changeover hour")


def draw_time_s(rng: random.Random, profile: DayProfile) -> int:
    """A second of the day, drawn from the profile's busy hours."""
    hour = _HOUR_TABLES[profile].draw(rng)
    return hour * SECONDS_PER_HOUR + uniform_int(rng, 0, SECONDS_PER_HOUR - 1)


def local_timestamp(day: dt.date, seconds: int, zone: ZoneInfo) -> dt.datetime:
    """The aware datetime ``seconds`` after local midnight of ``day``."""
    hours, rest = divmod(seconds, SECONDS_PER_HOUR)
    minutes, secs = divmod(rest, 60)
    return dt.datetime(day.year, day.month, day.day, hours, minutes, secs, tzinfo=zone)


def hour_of(seconds: int) -> int:
    return seconds // SECONDS_PER_HOUR
