"""Named limits of the domain: every list and string a command carries is bounded."""

LEGS_MAX = 100
NARRATIVE_LENGTH_MAX = 280
METADATA_ENTRIES_MAX = 32
FEATURES_MAX = 32
JSON_SAFE_INTEGER_MAX = 2**53 - 1
"""Largest integer every JSON reader holds exactly (RFC 8785 numbers are doubles)."""
