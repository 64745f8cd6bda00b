"""The packaged PostgreSQL schema revisions, known without loading Alembic.

The service only needs to compare the database's revision with the packaged ones (for
``/health/ready``), so it reads them from the file names (``NNNN_slug.py``, revision id
``NNNN``, each revising the one before) instead of importing Alembic and SQLAlchemy at
start. A test checks that Alembic sees exactly this history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

VERSIONS_DIR = Path(__file__).with_name("pg_migrations") / "versions"
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")


@dataclass(frozen=True, slots=True)
class Revision:
    revision: str
    name: str
    """The migration's file name without ``.py``, e.g. ``0002_append_only_guards``."""


def packaged_revisions() -> list[Revision]:
    """Every packaged revision, oldest first."""
    found = sorted(
        (
            Revision(match.group(1), Path(match.group(0)).stem)
            for path in VERSIONS_DIR.iterdir()
            if (match := _FILE_NAME.match(path.name))
        ),
        key=lambda rev: rev.revision,
    )
    assert [int(r.revision) for r in found] == list(range(1, len(found) + 1)), (
        "revisions are numbered 0001, 0002, ... without gaps"
    )
    return found


def pending_after(current: str | None, known: list[Revision]) -> list[str]:
    """Names of the revisions after ``current``; an unknown current revision is reported."""
    ids = [rev.revision for rev in known]
    if current is None:
        return [rev.name for rev in known]
    if current not in ids:
        return [f"unknown database revision {current} (newer than this code?)"]
    return [rev.name for rev in known[ids.index(current) + 1 :]]
