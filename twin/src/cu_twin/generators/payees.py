"""People members pay and get paid by over NPP, addressed by PayID (06 section 5)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from cu_twin.generators.contacts import FICTION_MOBILES, local_part, payid_for_mobile
from cu_twin.generators.people import draw_first_name, draw_surname

PAYID_EMAIL_DOMAIN = "payid.example"

REMITTANCES: tuple[str, ...] = (
    "RENT SHARE",
    "DINNER",
    "BIRTHDAY GIFT",
    "CONCERT TICKETS",
    "BILLS SPLIT",
    "GROCERIES",
    "THANKS",
    "FOOTY TIPPING",
    "HOLIDAY DEPOSIT",
    "CAR POOL",
    "PIZZA NIGHT",
    "LOAN BACK",
)


@dataclass(frozen=True, slots=True)
class Payee:
    name: str
    payid: str
    payid_type: str
    """EMAIL or MOBILE."""


def draw_payee(rng: random.Random) -> Payee:
    first, last = draw_first_name(rng, rng.randint(18, 70)), draw_surname(rng)
    name = f"{first} {last}".upper()
    if rng.random() < 0.5:
        return Payee(name, payid_for_mobile(rng.choice(FICTION_MOBILES)), "MOBILE")
    email = f"{local_part(rng, first, last, rng.randint(1955, 2005))}@{PAYID_EMAIL_DOMAIN}"
    return Payee(name, email, "EMAIL")
