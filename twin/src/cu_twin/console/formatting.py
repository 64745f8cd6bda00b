"""Pure formatting for the console: money as AUD, times in the tenant's zone, masks, names.

No I/O and no clock: every function is a plain mapping from API values to display text,
unit-tested in ``tests/unit/twin/test_console_formatting.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from turingcore_client import to_cents

MASK = "•••"
HASH_SHORT_CHARS = 12
ACRONYMS = frozenset({"slo", "kyc", "gl", "npp", "bpay", "atm", "txn", "lvr", "fx", "aud"})


class ResourceKind(StrEnum):
    """The kinds of thing an operator can name (``tc:<region>:<tenant>:<kind>:<id>``)."""

    CUSTOMER = "customer"
    ACCOUNT = "account"
    EVENT = "event"
    PRODUCT = "product"
    COMMAND = "command"


def resource_name(region: str, tenant_id: str, kind: ResourceKind, ident: str) -> str:
    """The canonical resource name, e.g. ``tc:au:CU_DIGITAL:account:<id>``."""
    return f"tc:{region.lower()}:{tenant_id}:{kind.value}:{ident}"


def aud(cents: int) -> str:
    """``123450`` -> ``$1,234.50``; negatives carry a leading minus: ``-$5.00``."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


def aud_text(amount: str) -> str:
    """An API decimal string (``"1234.5"``) as AUD text."""
    return aud(to_cents(amount))


def percent_text(rate: str) -> str:
    """An annual rate as a decimal string (``"0.0599"``) -> ``5.99%``."""
    text = f"{Decimal(rate) * 100:.2f}"
    return text.rstrip("0").rstrip(".") + "%"


def parse_instant(iso: str) -> datetime:
    """An RFC 3339 timestamp from the API (``Z`` or an offset) as an aware datetime."""
    parsed = datetime.fromisoformat(iso)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp without a zone: {iso!r}")
    return parsed


def local_datetime(iso: str, zone: ZoneInfo) -> str:
    """``2025-01-01T09:28:15+11:00`` -> ``1 Jan 2025, 09:28:15 AEDT`` in ``zone``."""
    local = parse_instant(iso).astimezone(zone)
    return f"{local.day} {local:%b %Y, %H:%M:%S} {local.tzname()}"


def local_time(iso: str, zone: ZoneInfo) -> str:
    """The wall-clock time only, ``09:28:15``, in ``zone``."""
    return f"{parse_instant(iso).astimezone(zone):%H:%M:%S}"


def local_date(iso: str, zone: ZoneInfo) -> str:
    """The calendar date of an instant in ``zone``: ``1 Jan 2025``."""
    local = parse_instant(iso).astimezone(zone)
    return f"{local.day} {local:%b %Y}"


def calendar_date(iso_date: str) -> str:
    """A plain date (``2025-01-01``, no zone: booking and value dates) -> ``1 Jan 2025``."""
    day = date.fromisoformat(iso_date)
    return f"{day.day} {day:%b %Y}"


def short_hash(value: str) -> str:
    """The first characters of a hash or id, for tables (the full value goes in a title)."""
    return value if len(value) <= HASH_SHORT_CHARS else value[:HASH_SHORT_CHARS] + "…"


def mask_email(email: str) -> str:
    """``gray.k@gmail.example`` -> ``g•••@gmail.example`` (length of the local part hidden)."""
    local, at, domain = email.partition("@")
    if not at or not local:
        return MASK
    return f"{local[0]}{MASK}@{domain}"


def pretty_mobile(mobile: str) -> str:
    """``+61491574460`` -> ``+61 491 574 460``; other shapes are returned as given."""
    if mobile.startswith("+61") and len(mobile) == 12 and mobile[1:].isdigit():
        rest = mobile[3:]
        return f"+61 {rest[:3]} {rest[3:6]} {rest[6:]}"
    return mobile


def mask_mobile(mobile: str) -> str:
    """``+61491574460`` -> ``+61 4•• ••• 460``: the last three digits only."""
    if mobile.startswith("+61") and len(mobile) == 12 and mobile[1:].isdigit():
        return f"+61 {mobile[3]}•• ••• {mobile[-3:]}"
    return MASK + mobile[-3:] if len(mobile) > 3 else MASK


def mask_date_of_birth(_dob: str) -> str:
    """A date of birth shows nothing of itself until revealed."""
    return "••/••/••••"


def humanise_key(key: str) -> str:
    """``minOpeningBalance`` -> ``Min opening balance``; ``fxFeeRate`` -> ``Fx fee rate``."""
    words: list[str] = []
    current = ""
    for char in key:
        if char.isupper() and current:
            words.append(current)
            current = char.lower()
        else:
            current += char.lower()
    if current:
        words.append(current)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def humanise_code(code: str) -> str:
    """``TERM_DEPOSIT`` -> ``Term deposit``; ``latency_slo`` -> ``Latency SLO`` (acronyms kept)."""
    words = [w.upper() if w in ACRONYMS else w for w in code.replace("_", " ").lower().split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
