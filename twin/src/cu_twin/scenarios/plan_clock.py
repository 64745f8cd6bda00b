"""Synthetic clock: when in the day each kind of activity happens.

Times are seconds after local midnight. No profile uses 02:00-02:59, the hour that does
not exist (October) or happens twice (April) when Sydney changes to or from daylight
saving, so every planned local time maps to exactly one instant.
"""

from __future__ import annotations

import datetime as dt
import random
from enum import Enum
from zoneinfo import ZoneInfo

from cu_twin.generators.rng import WeightedTable

SECONDS_PER_HOUR = 3600
SECONDS_PER_DAY = 86_400
DST_SHIFT_HOUR = 2


class DayProfile(Enum):
    """Hour-of-day weights for one kind of activity."""

    SALARY = {3: 2, 4: 3, 5: 3}
    DIRECT_DEBIT = {4: 1, 5: 2, 6: 2}
    RETAIL = {
        6: 2, 7: 5, 8: 7, 9: 6, 10: 6, 11: 7, 12: 10, 13: 9, 14: 6,
        15: 6, 16: 7, 17: 9, 18: 9, 19: 7, 20: 5, 21: 3, 22: 1,
    }  # fmt: skip
    BILLS = {7: 2, 8: 3, 9: 4, 10: 4, 11: 4, 12: 5, 13: 4, 14: 4, 15: 3, 16: 3,
             17: 3, 18: 4, 19: 5, 20: 5, 21: 4, 22: 2}  # fmt: skip
    TRANSFERS = {0: 1, 1: 1, 6: 1, 7: 2, 8: 3, 9: 3, 10: 3, 11: 3, 12: 4, 13: 3, 14: 3,
                 15: 3, 16: 3, 17: 4, 18: 5, 19: 6, 20: 6, 21: 5, 22: 4, 23: 2}  # fmt: skip
    CASH = {7: 2, 8: 4, 9: 5, 10: 5, 11: 6, 12: 7, 13: 6, 14: 5, 15: 5, 16: 6, 17: 7,
            18: 6, 19: 5, 20: 4, 21: 2, 22: 1}  # fmt: skip


_HOUR_TABLES: dict[DayProfile, WeightedTable[int]] = {
    profile: WeightedTable(list(profile.value.items())) for profile in DayProfile
}
assert all(DST_SHIFT_HOUR not in profile.value for profile in DayProfile)


def draw_time_s(rng: random.Random, profile: DayProfile) -> int:
    """A second of the day, drawn from the profile's busy hours."""
    hour = _HOUR_TABLES[profile].draw(rng)
    return hour * SECONDS_PER_HOUR + rng.randrange(SECONDS_PER_HOUR)


def local_timestamp(day: dt.date, seconds: int, zone: ZoneInfo) -> dt.datetime:
    """The aware datetime ``seconds`` after local midnight of ``day``."""
    hours, rest = divmod(seconds, SECONDS_PER_HOUR)
    minutes, secs = divmod(rest, 60)
    return dt.datetime(day.year, day.month, day.day, hours, minutes, secs, tzinfo=zone)


def hour_of(seconds: int) -> int:
    return seconds // SECONDS_PER_HOUR
