"""TC-01: a scan of twin/client source for what the separation rule forbids.

import-linter checks the import graph (pyproject's contracts); this scan also catches what
an import graph cannot: database drivers and Kafka producers reached dynamically, and
hard-coded internal endpoints.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

FORBIDDEN_MODULES = (
    "turingcore",
    "sqlite3",
    "psycopg",
    "psycopg2",
    "psycopg_pool",
    "sqlalchemy",
    "asyncpg",
    "aiokafka",
    "kafka",
    "confluent_kafka",
)
FORBIDDEN_NAMES = ("AIOKafkaProducer", "KafkaProducer", "Producer")
INTERNAL_URL = re.compile(
    r"(https?|postgres(ql)?|sqlite|kafka)://[^\s\"']*"
    r"(localhost|127\.0\.0\.1|0\.0\.0\.0|\.internal\b|\.svc\.cluster\.local|:5432|:9092)"
    r"|/internal/",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    what: str


def _module_violations(path: Path, tree: ast.AST) -> list[Violation]:
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(
            node.func, "attr", getattr(node.func, "id", "")
        ) in ("import_module", "__import__"):
            names = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
        for name in names:
            if name.split(".")[0] in FORBIDDEN_MODULES:
                found.append(Violation(path, getattr(node, "lineno", 0), f"imports {name}"))
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(Violation(path, node.lineno, f"uses {node.id}"))
    return found


def scan(roots: list[Path]) -> list[Violation]:
    violations: list[Violation] = []
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            violations += _module_violations(path, ast.parse(text, str(path)))
            for number, line in enumerate(text.splitlines(), start=1):
                if INTERNAL_URL.search(line):
                    violations.append(
                        Violation(
                            path, number, f"hard-codes an internal endpoint: {line.strip()[:80]}"
                        )
                    )
    return violations
