"""Synthetic contact details: mobiles from ACMA's fiction block, reserved email domains.

Members get unique mobiles from the 10,000-number block 0491 570 000-579 999 that ACMA
holds (06 section 2), in a seeded order; payees of NPP payments use the 30 numbers ACMA
publishes for fiction (they may repeat). Emails live only on ``.example`` domains
(RFC 2606) named after real providers so the provider mix still reads true.
"""

from __future__ import annotations

import random
import re

from cu_twin.generators.rng import WeightedTable

MEMBER_MOBILE_PREFIX = "+6149157"
MEMBER_MOBILES_MAX = 10_000
EMAIL_LENGTH_MAX = 254

# The 30 mobile numbers ACMA publishes for creative use, as E.164.
# fmt: off
FICTION_MOBILES: tuple[str, ...] = tuple(
    f"+61491{suffix}" for suffix in (
        "570006", "570156", "570157", "570158", "570159", "570110", "570313", "570737",
        "571266", "571491", "571804", "572549", "572665", "572983", "573770", "573087",
        "574118", "574632", "575254", "575789", "576398", "576801", "577426", "577644",
        "578957", "578148", "578888", "579212", "579760", "579455",
    )
)
# fmt: on

# Reserved stand-ins for common AU providers; BigPond skews older (06 section 3).
_DOMAINS_YOUNGER = WeightedTable(
    [
        ("gmail.example", 0.55),
        ("outlook.example", 0.2),
        ("icloud.example", 0.15),
        ("yahoo.example", 0.05),
        ("optusnet.example", 0.05),
    ]
)
_DOMAINS_OLDER = WeightedTable(
    [
        ("gmail.example", 0.35),
        ("outlook.example", 0.2),
        ("bigpond.example", 0.25),
        ("icloud.example", 0.08),
        ("yahoo.example", 0.07),
        ("optusnet.example", 0.05),
    ]
)
_NOT_LOCAL_PART = re.compile(r"[^a-z0-9]")


class MobileBook:
    """Hands out unique member mobiles in a seeded order."""

    def __init__(self, rng: random.Random) -> None:
        self._order = rng.sample(range(MEMBER_MOBILES_MAX), MEMBER_MOBILES_MAX)

    def mobile_for(self, member_index: int) -> str:
        if not 0 <= member_index < MEMBER_MOBILES_MAX:
            raise ValueError(
                f"only {MEMBER_MOBILES_MAX} unique fiction-block mobiles exist; "
                f"member index {member_index} is out of range"
            )
        return f"{MEMBER_MOBILE_PREFIX}{self._order[member_index]:04d}"


class EmailBook:
    """Builds realistic, unique addresses from names on reserved domains."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def email_for(self, rng: random.Random, first: str, last: str, birth_year: int) -> str:
        domains = _DOMAINS_OLDER if birth_year < 1975 else _DOMAINS_YOUNGER
        local = local_part(rng, first, last, birth_year)
        domain = domains.draw(rng)
        email = f"{local}@{domain}"
        suffix = 1
        while email in self._taken:
            suffix += 1
            email = f"{local}{suffix}@{domain}"
        self._taken.add(email)
        return email


def local_part(rng: random.Random, first: str, last: str, birth_year: int) -> str:
    """'jane.nguyen', 'jnguyen84', 'nguyen.j' and friends, ASCII only."""
    first_clean = _NOT_LOCAL_PART.sub("", first.lower())
    last_clean = _NOT_LOCAL_PART.sub("", last.lower())
    two_digit_year = f"{birth_year % 100:02d}"
    patterns = (
        f"{first_clean}.{last_clean}",
        f"{first_clean[0]}{last_clean}{two_digit_year}",
        f"{last_clean}.{first_clean[0]}",
        f"{first_clean}{last_clean}{rng.randint(1, 99)}",
        f"{first_clean}_{last_clean}",
    )
    return rng.choice(patterns)


def payid_for_mobile(mobile_e164: str) -> str:
    """The NPP addressing form of a mobile PayID, e.g. '+61-491570156'."""
    return f"{mobile_e164[:3]}-{mobile_e164[3:]}"
