"""Name and street tables for synthetic Australian members.

Curated rather than taken from Faker: Faker's en_AU locale falls back to US name lists
and invents street names. First names are split by generation so a 70-year-old is
more often a Margaret than an Isla; surnames reflect a multicultural population.
"""

from __future__ import annotations

import random

YOUNGER_GENERATION_AGE_MAX = 40

# fmt: off
FIRST_NAMES_YOUNGER: tuple[str, ...] = (
    "Oliver", "Jack", "William", "Noah", "Thomas", "James", "Lachlan", "Ethan", "Liam",
    "Lucas", "Henry", "Charlie", "Cooper", "Samuel", "Joshua", "Harrison", "Mitchell",
    "Kai", "Arjun", "Rohan", "Minh", "Ahmed", "Leo", "Hamish", "Angus", "Zac",
    "Charlotte", "Olivia", "Amelia", "Isla", "Mia", "Ava", "Grace", "Chloe", "Sophie",
    "Emily", "Ella", "Ruby", "Zoe", "Matilda", "Georgia", "Isabella", "Hannah", "Jessica",
    "Priya", "Mei", "Linh", "Aisha", "Sofia", "Layla", "Sienna", "Harper",
)
FIRST_NAMES_OLDER: tuple[str, ...] = (
    "David", "Michael", "Christopher", "Mark", "Peter", "John", "Paul", "Stephen",
    "Robert", "Anthony", "Jason", "Scott", "Craig", "Darren", "Brett", "Andrew", "Glenn",
    "Wayne", "Graham", "Kevin", "Ian", "Nikolaos", "Marco", "Wei", "Duc", "Rajesh",
    "Margaret", "Helen", "Christine", "Julie", "Karen", "Jennifer", "Nicole", "Melissa",
    "Kylie", "Rachel", "Amanda", "Susan", "Lisa", "Michelle", "Sharon", "Deborah",
    "Elizabeth", "Catherine", "Maria", "Elena", "Anh", "Lan", "Sunita", "Fatima",
)
SURNAMES: tuple[str, ...] = (
    "Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson",
    "Martin", "White", "Anderson", "Walker", "Thompson", "Thomas", "Lee", "Ryan", "Kelly",
    "King", "Harris", "Robinson", "Wright", "Clarke", "Mitchell", "Campbell", "Hughes",
    "Young", "Scott", "Murphy", "Roberts", "Edwards", "Stewart", "Evans", "Hall", "Green",
    "Wood", "Jackson", "Cooper", "Baker", "Turner", "Morris", "Hill", "Ward", "Moore",
    "Chen", "Wang", "Li", "Zhang", "Liu", "Tran", "Le", "Pham", "Singh", "Patel", "Kumar",
    "Sharma", "Kim", "Park", "Ali", "Khan", "Papadopoulos", "Rossi", "Russo", "Costa",
    "O'Brien", "O'Connor", "Sullivan", "McDonald", "Fraser", "Murray", "Reid", "Ross",
    "Graham", "Kennedy", "Bell", "Price", "Bennett", "Gray", "Fitzgerald", "Nikolaidis",
)
STREET_NAMES: tuple[str, ...] = (
    "High", "Church", "Station", "Park", "George", "King", "Victoria", "Queen", "William",
    "Main", "Railway", "Albert", "Elizabeth", "Bridge", "Macquarie", "Pacific", "Hill",
    "Wattle", "Banksia", "Acacia", "Ocean", "River", "Forest", "Grey", "Hunter", "Charles",
    "Edward", "Market", "Mill", "School", "Lake", "Beach", "Bay", "Short", "Cross",
    "Jacaranda", "Melaleuca", "Waratah", "Bottlebrush", "Kurrajong", "Ironbark", "Gum",
)
STREET_TYPES: tuple[str, ...] = (
    "Street", "Street", "Street", "Road", "Road", "Avenue", "Parade", "Crescent", "Drive",
    "Lane", "Place", "Court", "Close", "Terrace", "Way",
)
# fmt: on


def draw_first_name(rng: random.Random, age: int) -> str:
    table = FIRST_NAMES_YOUNGER if age <= YOUNGER_GENERATION_AGE_MAX else FIRST_NAMES_OLDER
    # A quarter of names cross generations, so neither list is a hard rule.
    if rng.random() < 0.25:
        table = FIRST_NAMES_OLDER if table is FIRST_NAMES_YOUNGER else FIRST_NAMES_YOUNGER
    return rng.choice(table)


def draw_surname(rng: random.Random) -> str:
    return rng.choice(SURNAMES)


def draw_street_line(rng: random.Random, *, metro: bool) -> str:
    """'12 Wattle Street', or '7/12 Wattle Street' for a unit (common in cities)."""
    street = f"{rng.randint(1, 240)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
    unit_share = 0.35 if metro else 0.08
    if rng.random() < unit_share:
        return f"{rng.randint(1, 40)}/{street}"
    return street
