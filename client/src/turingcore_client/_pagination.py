"""Walking paged lists: where the next page starts, and when the walk is over.

Offset pages (customers, accounts, an account's events) end when the offset reaches
``total`` or a page comes back empty. The event feed is walked by position: the next page
starts after the last position seen, and ends on an empty page. Positions are gap-free
from 1 by contract; a gap or a step back stops the walk with ``UnexpectedResponse``
instead of silently skipping or looping.
"""

from __future__ import annotations

from collections.abc import Sequence

from turingcore_client._errors import UnexpectedResponse
from turingcore_client._models import Event

PAGE_SIZE_MAX = 1_000
"""The server's largest ``limit``; the iterators' default page size."""


def checked_page_size(page_size: int) -> int:
    """``page_size`` if it is 1 to ``PAGE_SIZE_MAX``, else ``ValueError``."""
    if isinstance(page_size, bool) or not 1 <= page_size <= PAGE_SIZE_MAX:
        raise ValueError(f"page_size is 1 to {PAGE_SIZE_MAX}")
    return page_size


def next_offset(offset: int, page_length: int, total: int) -> int | None:
    """The offset of the next page, or None when this page was the last."""
    if page_length == 0:
        return None
    following = offset + page_length
    return following if following < total else None


def next_after(after: int, events: Sequence[Event]) -> int | None:
    """The ``after`` of the next feed page, or None when the feed is exhausted."""
    return next_after_positions(after, [event.position for event in events])


def next_after_positions(after: int, positions: Sequence[object]) -> int | None:
    """``next_after`` for the positions of a page (typed or raw events alike)."""
    if not positions:
        return None
    expected = after + 1
    for position in positions:
        if position != expected or type(position) is not int:
            raise UnexpectedResponse(
                f"event feed out of order: expected position {expected}, got {position!r}",
                status=200,
            )
        expected += 1
    return expected - 1
