"""Identifiers the core assigns, derived from (tenant, commandId).

The same commands therefore produce the same ids on any platform and any re-run, which is
what makes the twin's scenario fingerprint reproducible.
"""

from __future__ import annotations

import hashlib
import uuid

_NAMESPACE = uuid.UUID("5b0f2a4e-8f0b-4f3e-9a57-1c2d3e4f5a6b")


_NAMESPACE_BYTES = _NAMESPACE.bytes


def derived_id(tenant_id: str, command_id: str, kind: str, index: int = 0) -> str:
    """A stable UUID for the ``index``-th thing of ``kind`` created by one command.

    Exactly ``uuid.uuid5(_NAMESPACE, name)`` (RFC 4122 version 5), computed without
    building UUID objects: it runs several times per posting.
    """
    name = f"{tenant_id}|{command_id.lower()}|{kind}|{index}".encode()
    h = hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).hexdigest()
    # Version 5 in the high nibble of byte 6; RFC 4122 variant (10xx) in byte 8.
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


_VARIANT = {digit: "89ab"[int(digit, 16) & 0x3] for digit in "0123456789abcdef"}
