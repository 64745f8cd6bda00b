"""Synthetic members: a profile drawn from the tenant's member mix, and the
CreateCustomer payload that registers it.

Each member has their own random stream (seed, "member", index), so member 42 is the
same person in a 500- or a 10,000-member run. Only emails depend on earlier members
(a clash gets a number appended), which keeps them unique within the tenant.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from cu_twin.config.enums import (
    AuState,
    EmploymentStatus,
    IncomeBand,
    LocationClass,
    Segment,
)
from cu_twin.config.money import format_cents
from cu_twin.config.tenant import AgeBandSpec, CreditScoreBandSpec, MemberMix
from cu_twin.generators.contacts import EmailBook, MobileBook
from cu_twin.generators.employers import draw_employment
from cu_twin.generators.people import draw_first_name, draw_street_line, draw_surname
from cu_twin.generators.places import Place, places_in
from cu_twin.generators.rng import WeightedTable, derive_rng

EXTERNAL_REF_FORMAT = "CUST-{number:06d}"
INCOME_MODE_POSITION = 0.2  # incomes skew right: most members sit low in their band
KYC_VERIFIED = "VERIFIED"


@dataclass(frozen=True, slots=True)
class Address:
    line1: str
    suburb: str
    state: AuState
    postcode: str
    remoteness: str
    country: str = "AU"


@dataclass(frozen=True, slots=True)
class Member:
    """One synthetic member: who they are and the financial profile the plan uses."""

    index: int
    """0-based position in the generated population (AccountRef uses it)."""
    external_ref: str
    first_name: str
    last_name: str
    date_of_birth: dt.date
    age: int
    """Age in whole years on the scenario start date."""
    age_band: str
    email: str
    mobile: str
    address: Address
    location_class: LocationClass
    employment_status: EmploymentStatus
    employer: str | None
    occupation: str | None
    income_band: IncomeBand
    annual_income_cents: int
    income_band_position: float
    """Where the income sits in its band: 0.0 bottom .. 1.0 top (salaries follow it)."""
    credit_score: int
    credit_band: str
    segment: Segment
    kyc_status: str = KYC_VERIFIED

    @property
    def number(self) -> int:
        """1-based member number, as in the externalRef."""
        return self.index + 1

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def create_customer_payload(self) -> dict[str, object]:
        """The CreateCustomer payload (optional fields omitted, never null)."""
        employment: dict[str, object] = {"status": self.employment_status.value}
        if self.employer is not None:
            employment["employer"] = self.employer
        if self.occupation is not None:
            employment["occupation"] = self.occupation
        employment["annualIncome"] = format_cents(self.annual_income_cents)
        return {
            "externalRef": self.external_ref,
            "person": {
                "firstName": self.first_name,
                "lastName": self.last_name,
                "dateOfBirth": self.date_of_birth.isoformat(),
                "email": self.email,
                "mobile": self.mobile,
            },
            "address": {
                "line1": self.address.line1,
                "suburb": self.address.suburb,
                "state": self.address.state.value,
                "postcode": self.address.postcode,
                "country": self.address.country,
            },
            "employment": employment,
            "riskProfile": {
                "segment": self.segment.value,
                "kycStatus": self.kyc_status,
                "creditScore": self.credit_score,
            },
        }


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Whole years between birth and ``day`` (a 29 February birthday counts on 1 March)."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year - years, day=28)


def draw_date_of_birth(rng: random.Random, age: int, as_of: dt.date) -> dt.date:
    """A birthday that makes the member exactly ``age`` on ``as_of``."""
    latest = _years_before(as_of, age)
    earliest = _years_before(as_of, age + 1) + dt.timedelta(days=1)
    born = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
    if age_on(born, as_of) != age:  # only reachable around 29 February
        born = latest
    return born


class _Drawers:
    """Weighted tables built once from the mix, shared by every member's draw."""

    def __init__(self, mix: MemberMix) -> None:
        self.age_bands: WeightedTable[AgeBandSpec] = WeightedTable(
            [(band, band.fraction) for band in mix.age_bands]
        )
        self.income_bands: WeightedTable[IncomeBand] = WeightedTable(
            [(band, mix.income_bands.for_band(band).fraction) for band in IncomeBand]
        )
        self.credit_bands: WeightedTable[CreditScoreBandSpec] = WeightedTable(
            [(band, band.fraction) for band in mix.credit_score_bands]
        )
        self.locations: WeightedTable[LocationClass] = WeightedTable(list(mix.location.items()))
        self.places: dict[LocationClass, WeightedTable[Place]] = {
            location: WeightedTable([(place, place.weight) for place in places_in(location)])
            for location in LocationClass
        }
        self.employment = {band: _employment_given_band(mix, band) for band in IncomeBand}


def _employment_given_band(mix: MemberMix, band: IncomeBand) -> WeightedTable[EmploymentStatus]:
    # Unemployed members all sit in one income band; the other statuses are spread so
    # that every marginal fraction of the mix still holds over the whole population.
    unemployed = mix.employment.get(EmploymentStatus.UNEMPLOYED, 0.0)
    employed = {s: f for s, f in mix.employment.items() if s is not EmploymentStatus.UNEMPLOYED}
    employed_total = sum(employed.values())
    if band is mix.unemployed_income_band:
        band_share = mix.income_bands.for_band(band).fraction
        unemployed_here = unemployed / band_share if band_share else 0.0
    else:
        unemployed_here = 0.0
    weights: list[tuple[EmploymentStatus, float]] = [
        (s, (1 - unemployed_here) * f / employed_total) for s, f in employed.items()
    ]
    weights.append((EmploymentStatus.UNEMPLOYED, unemployed_here))
    return WeightedTable(weights)


def _draw_income(rng: random.Random, mix: MemberMix, band: IncomeBand) -> tuple[int, float]:
    spec = mix.income_bands.for_band(band)
    low_dollars = spec.min_annual_cents // 100
    high_dollars = spec.max_annual_cents // 100
    mode = low_dollars + INCOME_MODE_POSITION * (high_dollars - low_dollars)
    dollars = round(rng.triangular(low_dollars, high_dollars, mode))
    position = (dollars - low_dollars) / (high_dollars - low_dollars)
    return dollars * 100, position


def _segment(age_band: AgeBandSpec, band: IncomeBand) -> Segment:
    if age_band.segment is not None:
        return age_band.segment
    return Segment.PREMIUM if band is IncomeBand.HIGH else Segment.RETAIL


def generate_members(n: int, mix: MemberMix, seed: int, *, as_of: dt.date) -> tuple[Member, ...]:
    """``n`` members drawn from ``mix``; ages and birthdays are relative to ``as_of``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    drawers = _Drawers(mix)
    mobiles = MobileBook(derive_rng(seed, "mobiles"))
    emails = EmailBook()
    return tuple(
        _draw_member(index, seed, mix, drawers, as_of, emails, mobiles) for index in range(n)
    )


def _draw_member(
    index: int,
    seed: int,
    mix: MemberMix,
    drawers: _Drawers,
    as_of: dt.date,
    emails: EmailBook,
    mobiles: MobileBook,
) -> Member:
    rng = derive_rng(seed, "member", index)
    age_band = drawers.age_bands.draw(rng)
    age = rng.randint(age_band.min_age, age_band.max_age)
    born = draw_date_of_birth(rng, age, as_of)
    band = drawers.income_bands.draw(rng)
    income_cents, position = _draw_income(rng, mix, band)
    status = drawers.employment[band].draw(rng)
    location = drawers.locations.draw(rng)
    place = drawers.places[location].draw(rng)
    first, last = draw_first_name(rng, age), draw_surname(rng)
    job = draw_employment(rng, status, band, last)
    credit_band = drawers.credit_bands.draw(rng)
    credit_score = rng.randint(credit_band.min_score, credit_band.max_score)
    line1 = draw_street_line(rng, metro=location is LocationClass.METRO)
    return Member(
        index=index,
        external_ref=EXTERNAL_REF_FORMAT.format(number=index + 1),
        first_name=first,
        last_name=last,
        date_of_birth=born,
        age=age,
        age_band=age_band.name,
        email=emails.email_for(rng, first, last, born.year),
        mobile=mobiles.mobile_for(index),
        address=Address(line1, place.suburb, place.state, place.postcode, place.remoteness),
        location_class=location,
        employment_status=status,
        employer=job[0] if job else None,
        occupation=job[1] if job else None,
        income_band=band,
        annual_income_cents=income_cents,
        income_band_position=position,
        credit_score=credit_score,
        credit_band=credit_band.name,
        segment=_segment(age_band, band),
    )
