"""Australian business-day calendar: national public holidays plus NSW (06 section 9).

BPAY and BECS (salary credits) move only on business days: Monday to Friday that are
not public holidays. NPP runs every day. Holidays are computed for any year, so a
scenario may start anywhere. NSW rules: New Year's Day, Australia Day, Christmas and
Boxing Day falling on a weekend give a weekday substitute; Anzac Day does not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

SATURDAY = 5
SUNDAY = 6
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Holiday:
    day: dt.date
    name: str
    national: bool


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Which holidays close the business day. Defaults: national + NSW + Bank Holiday."""

    include_nsw_holidays: bool = True
    include_nsw_bank_holiday: bool = True

    def holidays(self, year: int) -> tuple[Holiday, ...]:
        return tuple(
            holiday
            for holiday in holidays_for_year(year)
            if holiday.national
            or (holiday.name == NSW_BANK_HOLIDAY and self.include_nsw_bank_holiday)
            or (holiday.name != NSW_BANK_HOLIDAY and self.include_nsw_holidays)
        )

    def is_holiday(self, day: dt.date) -> bool:
        return day in _holiday_dates(self, day.year)

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and not self.is_holiday(day)

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after ``day``."""
        return self.business_day_on_or_after(day + ONE_DAY)

    def previous_business_day(self, day: dt.date) -> dt.date:
        """The last business day strictly before ``day``."""
        return self.business_day_on_or_before(day - ONE_DAY)

    def business_day_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_business_day(day):
            day += ONE_DAY
        return day

    def business_day_on_or_before(self, day: dt.date) -> dt.date:
        while not self.is_business_day(day):
            day -= ONE_DAY
        return day


NSW_BANK_HOLIDAY = "Bank Holiday"
DEFAULT_CALENDAR = BusinessCalendar()


def is_business_day(day: dt.date, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> bool:
    """Monday to Friday and not a (national or NSW) public holiday."""
    return calendar.is_business_day(day)


def next_business_day(day: dt.date, calendar: BusinessCalendar = DEFAULT_CALENDAR) -> dt.date:
    """The first business day strictly after ``day``."""
    return calendar.next_business_day(day)


def easter_sunday(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian computus."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday_offset = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday_offset) // 451
    month, day = divmod(epact + weekday_offset - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _christmas_and_boxing(year: int) -> list[Holiday]:
    christmas = dt.date(year, 12, 25)
    boxing = dt.date(year, 12, 26)
    days = [Holiday(christmas, "Christmas Day", True), Holiday(boxing, "Boxing Day", True)]
    # The two holidays take the first two weekdays from the 25th that are free.
    weekend = [day for day in (christmas, boxing) if day.weekday() >= SATURDAY]
    candidate = dt.date(year, 12, 27)
    for day in weekend:
        while candidate.weekday() >= SATURDAY:
            candidate += ONE_DAY
        name = "Christmas Day" if day == christmas else "Boxing Day"
        days.append(Holiday(candidate, f"{name} (additional day)", True))
        candidate += ONE_DAY
    return days


@lru_cache(maxsize=64)
def holidays_for_year(year: int) -> tuple[Holiday, ...]:
    """Every national and NSW public holiday of ``year``, sorted by date."""
    easter = easter_sunday(year)
    new_year = dt.date(year, 1, 1)
    australia_day = dt.date(year, 1, 26)
    days = [
        Holiday(new_year, "New Year's Day", True),
        Holiday(australia_day, "Australia Day", True),
        Holiday(easter - 2 * ONE_DAY, "Good Friday", True),
        Holiday(easter - ONE_DAY, "Easter Saturday", False),
        Holiday(easter, "Easter Sunday", False),
        Holiday(easter + ONE_DAY, "Easter Monday", True),
        Holiday(dt.date(year, 4, 25), "Anzac Day", True),
        Holiday(_nth_weekday(year, 6, 0, 2), "King's Birthday", False),
        Holiday(_nth_weekday(year, 8, 0, 1), NSW_BANK_HOLIDAY, False),
        Holiday(_nth_weekday(year, 10, 0, 1), "Labour Day", False),
        *_christmas_and_boxing(year),
    ]
    if new_year.weekday() >= SATURDAY:
        days.append(Holiday(_monday_on_or_after(new_year), "New Year's Day (additional day)", True))
    if australia_day.weekday() >= SATURDAY:
        days.append(Holiday(_monday_on_or_after(australia_day), "Australia Day (observed)", True))
    return tuple(sorted(days, key=lambda holiday: (holiday.day, holiday.name)))


@lru_cache(maxsize=256)
def _holiday_dates(calendar: BusinessCalendar, year: int) -> frozenset[dt.date]:
    return frozenset(holiday.day for holiday in calendar.holidays(year))
