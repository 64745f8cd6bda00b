"""Closed vocabularies shared by config, generators and the plan."""

from __future__ import annotations

from enum import StrEnum


class ProductType(StrEnum):
    DEPOSIT = "DEPOSIT"
    TERM_DEPOSIT = "TERM_DEPOSIT"
    LOAN = "LOAN"
    CREDIT_CARD = "CREDIT_CARD"


class EmploymentStatus(StrEnum):
    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"
    SELF_EMPLOYED = "SELF_EMPLOYED"
    UNEMPLOYED = "UNEMPLOYED"
    RETIRED = "RETIRED"
    STUDENT = "STUDENT"
    CASUAL = "CASUAL"


class LocationClass(StrEnum):
    METRO = "METRO"
    REGIONAL = "REGIONAL"
    RURAL = "RURAL"


class IncomeBand(StrEnum):
    LOW = "low"
    MID = "mid"
    HIGH = "high"


class Segment(StrEnum):
    YOUTH = "YOUTH"
    RETAIL = "RETAIL"
    PREMIUM = "PREMIUM"


class AuState(StrEnum):
    NSW = "NSW"
    VIC = "VIC"
    QLD = "QLD"
    SA = "SA"
    WA = "WA"
    TAS = "TAS"
    ACT = "ACT"
    NT = "NT"
