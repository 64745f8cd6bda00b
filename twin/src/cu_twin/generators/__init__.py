"""Pure, seeded synthetic data for CU_DIGITAL: members, their accounts, and the
Australian realism tables (places, names, employers, merchants, billers, calendar).

Nothing here reads the clock or global random state: every function takes a seed or a
``random.Random``.
"""

from cu_twin.generators.accounts import AccountKind, AccountRef, PlannedAccount
from cu_twin.generators.au_calendar import BusinessCalendar, is_business_day, next_business_day
from cu_twin.generators.holdings import generate_accounts
from cu_twin.generators.members import Address, Member, generate_members

__all__ = [
    "AccountKind",
    "AccountRef",
    "Address",
    "BusinessCalendar",
    "Member",
    "PlannedAccount",
    "generate_accounts",
    "generate_members",
    "is_business_day",
    "next_business_day",
]
