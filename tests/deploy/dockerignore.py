"""``.dockerignore`` matching as Docker's builder does it, to know what reaches the context.

Patterns are read in order; a path is excluded when the last pattern that matches it, or
any of its parent directories, is not a ``!`` exception. ``*`` and ``?`` stay within one
path segment, ``**`` spans any number of segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    exception: bool


def _regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(f"^{out}$")


def parse(text: str) -> list[Pattern]:
    patterns: list[Pattern] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        cleaned = str(PurePosixPath(line.removeprefix("!").strip().lstrip("/")))
        patterns.append(Pattern(_regex(cleaned), exception))
    return patterns


def load(repo: Path) -> list[Pattern]:
    return parse((repo / ".dockerignore").read_text(encoding="utf-8"))


def excluded(patterns: list[Pattern], path: str) -> bool:
    """Whether ``path`` (relative to the context, ``/``-separated) stays out of the context."""
    parts = PurePosixPath(path).parts
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    result = False
    for pattern in patterns:
        if any(pattern.regex.match(c) for c in candidates):
            result = not pattern.exception
    return result
