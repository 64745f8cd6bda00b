"""Fictional BPAY billers by bill category, with biller codes and CRN lengths.

Every CRN the twin issues carries a MOD10V01 (Luhn) check digit (06 section 4). Biller
codes are invented 4-6 digit numbers; records are synthetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cu_twin.generators.luhn import make_crn


@dataclass(frozen=True, slots=True)
class Biller:
    name: str
    category: str
    biller_code: str
    crn_length: int

    def issue_crn(self, rng: random.Random) -> str:
        """A customer reference number for one member's account with this biller."""
        return make_crn(rng, self.crn_length)


# fmt: off
BILLERS: tuple[Biller, ...] = (
    Biller("BRIGHTWAVE ENERGY", "UTILITIES", "41231", 11),
    Biller("SOUTHERN GAS CO", "UTILITIES", "52874", 10),
    Biller("COASTAL WATER", "UTILITIES", "7714", 9),
    Biller("SWIFTLINK NBN", "UTILITIES", "330912", 10),
    Biller("KOALA MOBILE", "UTILITIES", "64415", 8),
    Biller("HOMEGUARD INSURANCE", "INSURANCE", "19877", 10),
    Biller("ROADSAFE CAR INSURANCE", "INSURANCE", "28861", 9),
    Biller("WELLBEING HEALTH FUND", "INSURANCE", "90417", 8),
    Biller("STREAMFLIX", "SUBSCRIPTIONS", "455102", 8),
    Biller("DAILY HERALD DIGITAL", "SUBSCRIPTIONS", "61224", 9),
    Biller("FLEXFIT MEMBERSHIPS", "SUBSCRIPTIONS", "73309", 8),
    Biller("HARBOUR CITY COUNCIL RATES", "OTHER", "2236", 11),
    Biller("EASTLAKE GRAMMAR FEES", "OTHER", "84412", 8),
    Biller("PARKVIEW STRATA LEVIES", "OTHER", "39950", 9),
    Biller("STATE REGO AND FINES", "OTHER", "10452", 12),
)
# fmt: on


def billers_in(category: str) -> tuple[Biller, ...]:
    return tuple(biller for biller in BILLERS if biller.category == category)
