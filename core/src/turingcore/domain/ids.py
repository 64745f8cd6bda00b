"""Identifiers the core assigns, derived from (tenant, commandId).

The same commands therefore produce the same ids on any platform and any re-run, which is
what makes the twin's scenario fingerprint reproducible.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("5b0f2a4e-8f0b-4f3e-9a57-1c2d3e4f5a6b")


def derived_id(tenant_id: str, command_id: str, kind: str, index: int = 0) -> str:
    """A stable UUID for the ``index``-th thing of ``kind`` created by one command."""
    return str(uuid.uuid5(_NAMESPACE, f"{tenant_id}|{command_id.lower()}|{kind}|{index}"))
