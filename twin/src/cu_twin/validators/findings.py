"""What every validator returns: a verdict with the evidence a regulator can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken expectation, precise enough to act on (an account, a position)."""

    message: str
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class InvariantResult:
    name: str
    passed: bool
    detail: str
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "detail": self.detail,
            "findings": [{"message": f.message, "subject": f.subject} for f in self.findings[:20]],
            "findingsTotal": len(self.findings),
            "figures": self.figures,
        }


def result(name: str, findings: list[Finding], ok_detail: str, **figures: Any) -> InvariantResult:
    """Passed when there are no findings; otherwise the first finding leads the detail."""
    if not findings:
        return InvariantResult(name, True, ok_detail, [], figures)
    first = findings[0]
    subject = f" ({first.subject})" if first.subject else ""
    detail = f"{len(findings)} finding(s); first: {first.message}{subject}"
    return InvariantResult(name, False, detail, findings, figures)
