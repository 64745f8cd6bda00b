"""The fast derived-id path must stay exactly RFC 4122 UUIDv5: the ids are served and
fingerprinted, so any drift would change every scenario's fingerprint."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from turingcore.domain.ids import _NAMESPACE, derived_id


@given(
    tenant=st.text(min_size=1, max_size=32),
    command_id=st.uuids().map(str),
    kind=st.sampled_from(["entry", "event", "customer", "account"]),
    index=st.integers(min_value=0, max_value=10_000),
)
def test_a_derived_id_is_the_uuid5_of_its_name(
    tenant: str, command_id: str, kind: str, index: int
) -> None:
    expected = uuid.uuid5(_NAMESPACE, f"{tenant}|{command_id}|{kind}|{index}")
    got = derived_id(tenant, command_id.upper(), kind, index)
    assert got == str(expected)
    assert uuid.UUID(got).version == 5
