"""Australian business-day calendar: national + NSW holidays for any year."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cu_twin.generators.au_calendar import (
    BusinessCalendar,
    easter_sunday,
    holidays_for_year,
    is_business_day,
    next_business_day,
)

D = dt.date


def test_2025_holidays_are_exactly_the_national_and_nsw_list() -> None:
    assert [(h.day, h.name) for h in holidays_for_year(2025)] == [
        (D(2025, 1, 1), "New Year's Day"),
        (D(2025, 1, 26), "Australia Day"),
        (D(2025, 1, 27), "Australia Day (observed)"),
        (D(2025, 4, 18), "Good Friday"),
        (D(2025, 4, 19), "Easter Saturday"),
        (D(2025, 4, 20), "Easter Sunday"),
        (D(2025, 4, 21), "Easter Monday"),
        (D(2025, 4, 25), "Anzac Day"),
        (D(2025, 6, 9), "King's Birthday"),
        (D(2025, 8, 4), "Bank Holiday"),
        (D(2025, 10, 6), "Labour Day"),
        (D(2025, 12, 25), "Christmas Day"),
        (D(2025, 12, 26), "Boxing Day"),
    ]


def test_easter_sunday_matches_known_years() -> None:
    known = {
        2019: D(2019, 4, 21),
        2024: D(2024, 3, 31),
        2025: D(2025, 4, 20),
        2026: D(2026, 4, 5),
        2038: D(2038, 4, 25),
        2285: D(2285, 3, 22),
    }
    assert {year: easter_sunday(year) for year in known} == known


@given(st.integers(min_value=1900, max_value=2200))
def test_easter_is_always_a_sunday_between_22_march_and_25_april(year: int) -> None:
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert D(year, 3, 22) <= easter <= D(year, 4, 25)


def test_weekend_christmas_and_boxing_day_move_to_the_next_weekdays() -> None:
    # 2021 and 2027: Christmas on Saturday, Boxing Day on Sunday.
    for year in (2021, 2027):
        assert not is_business_day(D(year, 12, 27))
        assert not is_business_day(D(year, 12, 28))
        assert is_business_day(D(year, 12, 29))
    # 2022: Christmas on Sunday -> Tuesday 27th is the additional day.
    assert not is_business_day(D(2022, 12, 27))
    # 2026: Boxing Day on Saturday -> Monday 28th.
    assert not is_business_day(D(2026, 12, 28))


def test_new_year_and_australia_day_on_a_weekend_give_a_monday() -> None:
    assert not is_business_day(D(2022, 1, 3))  # 1 Jan 2022 was a Saturday
    assert not is_business_day(D(2025, 1, 27))  # 26 Jan 2025 was a Sunday
    assert not is_business_day(D(2026, 1, 26))  # a Monday anyway


def test_anzac_day_on_a_weekend_gives_no_extra_day_in_nsw() -> None:
    assert D(2026, 4, 25).weekday() == 5
    assert is_business_day(D(2026, 4, 27))


def test_the_bank_holiday_and_state_holidays_are_configurable() -> None:
    national_only = BusinessCalendar(include_nsw_holidays=False, include_nsw_bank_holiday=False)
    assert not is_business_day(D(2025, 8, 4))
    assert national_only.is_business_day(D(2025, 8, 4))
    assert national_only.is_business_day(D(2025, 6, 9))
    assert not national_only.is_business_day(D(2025, 4, 25))


def test_next_business_day_skips_weekends_and_holidays() -> None:
    assert next_business_day(D(2024, 12, 31)) == D(2025, 1, 2)
    assert next_business_day(D(2025, 1, 24)) == D(2025, 1, 28)  # Fri -> Tue after Aus Day
    assert next_business_day(D(2025, 4, 17)) == D(2025, 4, 22)  # Easter


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_next_business_day_is_the_first_business_day_after(day: dt.date) -> None:
    following = next_business_day(day)
    assert following > day
    assert is_business_day(following)
    gap = (following - day).days
    assert all(not is_business_day(day + dt.timedelta(days=n)) for n in range(1, gap))
    assert following.weekday() < 5
