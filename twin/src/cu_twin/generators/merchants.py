"""Household card merchants with MCCs (06 section 6) and statement descriptors.

Descriptors are upper-case, cut to what a card statement shows, and end with ``AU``.
Names are generic patterns (``FRESH MART <SUBURB>``), never real brands. Merchants are
grouped by the size of basket they take, so a $4.50 purchase is a coffee, not a TV.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from cu_twin.generators.rng import WeightedTable

DESCRIPTOR_BODY_LENGTH_MAX = 22
SMALL_BASKET_MAX_CENTS = 3_000
MEDIUM_BASKET_MAX_CENTS = 10_000


class Basket(StrEnum):
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"
    LARGE = "LARGE"


class Channel(StrEnum):
    CONTACTLESS = "CONTACTLESS"
    CHIP = "CHIP"
    ONLINE = "ONLINE"


@dataclass(frozen=True, slots=True)
class Merchant:
    mcc: str
    category: str
    pattern: str
    """Descriptor template; ``{suburb}`` is the store's suburb."""
    online: bool = False

    def descriptor(self, suburb: str) -> str:
        """e.g. 'FRESH MART NEWTOWN AU': cut to statement width at a word boundary."""
        body = self.pattern.format(suburb=suburb.upper())
        if len(body) > DESCRIPTOR_BODY_LENGTH_MAX:
            head = body[: DESCRIPTOR_BODY_LENGTH_MAX + 1]
            body = head.rsplit(" ", 1)[0] if " " in head else head[:DESCRIPTOR_BODY_LENGTH_MAX]
        return f"{body} AU"


def _m(mcc: str, category: str, pattern: str, *, online: bool = False) -> Merchant:
    return Merchant(mcc, category, pattern, online)


# fmt: off
_SMALL: tuple[tuple[Merchant, float], ...] = (
    (_m("5812", "CAFE", "{suburb} ESPRESSO BAR"), 8), (_m("5812", "CAFE", "LITTLE BEAN CAFE {suburb}"), 6),
    (_m("5462", "BAKERY", "GOLDEN CRUST BAKERY {suburb}"), 5), (_m("5814", "TAKEAWAY", "BURGER SHACK {suburb}"), 5),
    (_m("5814", "TAKEAWAY", "{suburb} FISH N CHIPS"), 3), (_m("5499", "CONVENIENCE", "CORNER STORE {suburb}"), 5),
    (_m("5411", "GROCERIES", "FRESH MART {suburb}"), 6), (_m("5912", "PHARMACY", "{suburb} PHARMACY"), 3),
    (_m("4111", "TRANSPORT", "TRANSIT CARD TOP UP"), 4), (_m("7523", "PARKING", "CITY PARKING {suburb}"), 2),
    (_m("4121", "RIDESHARE", "RIDESHARE TRIP", online=True), 3), (_m("5815", "DIGITAL", "STREAMFLIX MEMBERSHIP", online=True), 2),
    (_m("5816", "DIGITAL", "PIXEL GAMES ONLINE", online=True), 1), (_m("5942", "BOOKS", "PAGE TURNER BOOKS {suburb}"), 1),
    (_m("5541", "FUEL", "CORNER SERVO {suburb}"), 3), (_m("5993", "TOBACCONIST", "{suburb} TOBACCONIST"), 1),
    (_m("4784", "TOLLS", "E-TAG TOLL TOP UP", online=True), 1),
)
_MEDIUM: tuple[tuple[Merchant, float], ...] = (
    (_m("5411", "GROCERIES", "FRESH MART {suburb}"), 12), (_m("5411", "GROCERIES", "VALUE FOODS {suburb}"), 8),
    (_m("5541", "FUEL", "CORNER SERVO {suburb}"), 8), (_m("5812", "RESTAURANT", "THAI KITCHEN {suburb}"), 4),
    (_m("5812", "RESTAURANT", "SAKURA SUSHI {suburb}"), 3), (_m("5813", "BAR", "ROYAL TAVERN {suburb}"), 3),
    (_m("5921", "LIQUOR", "{suburb} BOTTLE SHOP"), 3), (_m("5422", "BUTCHER", "{suburb} QUALITY MEATS"), 2),
    (_m("5912", "PHARMACY", "{suburb} PHARMACY"), 2), (_m("5651", "CLOTHING", "URBAN THREADS {suburb}"), 2),
    (_m("5251", "HARDWARE", "HANDY HARDWARE {suburb}"), 2), (_m("5995", "PETS", "{suburb} PET SUPPLIES"), 1),
    (_m("7832", "CINEMA", "STARLIGHT CINEMAS {suburb}"), 1), (_m("7997", "GYM", "FLEXFIT GYM {suburb}"), 1),
    (_m("4814", "TELCO", "MOBILE RECHARGE ONLINE", online=True), 1), (_m("5310", "DISCOUNT", "BARGAIN BARN {suburb}"), 2),
    (_m("5261", "GARDEN", "{suburb} GARDEN CENTRE"), 1), (_m("7995", "BETTING", "LUCKY STAR WAGERING", online=True), 1),
)
_LARGE: tuple[tuple[Merchant, float], ...] = (
    (_m("5411", "GROCERIES", "FRESH MART {suburb}"), 10), (_m("5411", "GROCERIES", "VALUE FOODS {suburb}"), 6),
    (_m("5311", "DEPARTMENT", "GRAND DEPARTMENT STORE"), 3), (_m("5732", "ELECTRONICS", "SPARK ELECTRONICS {suburb}"), 2),
    (_m("5200", "HOME", "HOMEBASE WAREHOUSE {suburb}"), 3), (_m("7538", "MOTOR", "{suburb} AUTO SERVICE"), 2),
    (_m("5533", "MOTOR", "{suburb} AUTO PARTS"), 1), (_m("8011", "MEDICAL", "{suburb} MEDICAL CENTRE"), 2),
    (_m("8021", "DENTAL", "{suburb} DENTAL"), 1), (_m("8043", "OPTOMETRY", "{suburb} EYECARE"), 1),
    (_m("4511", "AIRLINE", "SOUTHERN SKIES AIRWAYS", online=True), 1), (_m("7011", "HOTEL", "HARBOURVIEW HOTEL"), 1),
    (_m("5812", "RESTAURANT", "THE GRAND DINING ROOM"), 2), (_m("5541", "FUEL", "CORNER SERVO {suburb}"), 3),
    (_m("5661", "SHOES", "STRIDE SHOES {suburb}"), 1), (_m("5945", "TOYS", "TOY BOX {suburb}"), 1),
)
# fmt: on

MERCHANTS_BY_BASKET: dict[Basket, WeightedTable[Merchant]] = {
    Basket.SMALL: WeightedTable(_SMALL),
    Basket.MEDIUM: WeightedTable(_MEDIUM),
    Basket.LARGE: WeightedTable(_LARGE),
}


def basket_for(amount_cents: int) -> Basket:
    if amount_cents <= SMALL_BASKET_MAX_CENTS:
        return Basket.SMALL
    if amount_cents <= MEDIUM_BASKET_MAX_CENTS:
        return Basket.MEDIUM
    return Basket.LARGE


def draw_merchant(rng: random.Random, amount_cents: int) -> Merchant:
    """A merchant that plausibly takes a basket of ``amount_cents``."""
    return MERCHANTS_BY_BASKET[basket_for(amount_cents)].draw(rng)


_ONLINE, _CONTACTLESS, _CHIP = Channel.ONLINE.value, Channel.CONTACTLESS.value, Channel.CHIP.value


def draw_channel(rng: random.Random, merchant: Merchant) -> str:
    """How the card was presented (a Channel value); contactless dominates in-store."""
    if merchant.online:
        return _ONLINE
    return _CONTACTLESS if rng.random() < 0.85 else _CHIP
