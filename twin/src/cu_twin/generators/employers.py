"""Fictional employers and the occupations they hire, by income band.

The names are invented and generic so no record points at a real business.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cu_twin.config.enums import EmploymentStatus, IncomeBand


@dataclass(frozen=True, slots=True)
class Employer:
    name: str
    occupations: tuple[str, ...]


# fmt: off
EMPLOYERS_BY_BAND: dict[IncomeBand, tuple[Employer, ...]] = {
    IncomeBand.LOW: (
        Employer("Harbourside Hospitality Group", ("Barista", "Kitchen Hand", "Waiter")),
        Employer("Metro Retail Group", ("Retail Assistant", "Checkout Operator")),
        Employer("Evergreen Aged Care", ("Aged Care Worker", "Personal Care Assistant")),
        Employer("Southern Cross Cleaning Services", ("Cleaner",)),
        Employer("Little Steps Early Learning", ("Childcare Educator",)),
        Employer("QuickServe Logistics", ("Warehouse Picker", "Delivery Driver")),
        Employer("Sunny Coast Cafes Pty Ltd", ("Cafe Attendant", "Cook")),
        Employer("Greenfields Farm Co", ("Farm Hand", "Fruit Picker")),
    ),
    IncomeBand.MID: (
        Employer("Riverside Health Network", ("Registered Nurse", "Radiographer")),
        Employer("Eastlake Grammar School", ("Teacher", "School Administrator")),
        Employer("Coastal Freight Pty Ltd", ("Truck Driver", "Logistics Coordinator")),
        Employer("Apex Electrical Services", ("Electrician", "Apprentice Electrician")),
        Employer("Summit Building Group", ("Carpenter", "Site Supervisor")),
        Employer("Bluegum Accounting", ("Bookkeeper", "Accounts Officer")),
        Employer("Wattle Insurance Services", ("Claims Officer", "Customer Service Officer")),
        Employer("Kookaburra Software", ("Software Developer", "Test Analyst")),
        Employer("Tablelands Regional Council", ("Administration Officer", "Planner")),
        Employer("Southern Rail Maintenance", ("Fitter", "Rail Technician")),
    ),
    IncomeBand.HIGH: (
        Employer("Ironbark Mining Pty Ltd", ("Mining Engineer", "Site Manager")),
        Employer("Pacific Rim Consulting", ("Management Consultant", "Principal")),
        Employer("Southern Star Software", ("Senior Software Engineer", "Engineering Manager")),
        Employer("Harbour Legal Partners", ("Lawyer", "Senior Associate")),
        Employer("Metro General Hospital", ("Medical Specialist", "Anaesthetist")),
        Employer("Goldfields Resources", ("Project Manager", "Geologist")),
        Employer("Capital Infrastructure Group", ("Civil Engineer", "Project Director")),
        Employer("Federation Financial Services", ("Finance Manager", "Actuary")),
    ),
}
SELF_EMPLOYED_TRADES: tuple[tuple[str, str], ...] = (
    ("Plumbing", "Plumber"), ("Electrical", "Electrician"), ("Design Studio", "Designer"),
    ("Consulting", "Consultant"), ("Landscaping", "Landscaper"), ("Photography", "Photographer"),
    ("Physiotherapy", "Physiotherapist"), ("Carpentry", "Carpenter"), ("Bookkeeping", "Bookkeeper"),
)
# fmt: on


def draw_employment(
    rng: random.Random, status: EmploymentStatus, band: IncomeBand, surname: str
) -> tuple[str, str] | None:
    """(employer, occupation) for a member, or None when they have neither."""
    if status is EmploymentStatus.SELF_EMPLOYED:
        business, occupation = rng.choice(SELF_EMPLOYED_TRADES)
        return f"{surname} {business}", occupation
    if status in (EmploymentStatus.UNEMPLOYED, EmploymentStatus.RETIRED):
        return None
    employer = rng.choice(EMPLOYERS_BY_BAND[band])
    return employer.name, rng.choice(employer.occupations)
