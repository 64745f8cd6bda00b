"""Named limits of the domain: every list and string a command carries is bounded."""

LEGS_MAX = 100
NARRATIVE_LENGTH_MAX = 280
METADATA_ENTRIES_MAX = 32
FEATURES_MAX = 32
