"""The one error type a bad config file raises."""

from __future__ import annotations

from collections.abc import Sequence


class ConfigError(Exception):
    """A config file is missing, not YAML, or breaks the schema.

    The message names the file and, for schema errors, each field path, e.g.
    ``steady-state.yaml: cardSpend.weekdayWeights.Fri: Input should be a valid number``.
    """

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{source}: {problem}" for problem in self.problems))
