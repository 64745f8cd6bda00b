"""docs/operations.md: its links lead somewhere, and the commands it tells an operator to
type name flags the real CLIs have."""

from __future__ import annotations

import re

from tests.deploy.clis import PROGRAMS
from tests.deploy.deploy_files import OPERATIONS_DOC, github_anchors

TEXT = OPERATIONS_DOC.read_text(encoding="utf-8").replace("\\\n", " ")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
COMMAND = re.compile(r"\b(?P<program>turingcore|twin) (?P<sub>[a-z][a-z-]+)(?P<rest>[^`\n]*)")


def test_every_link_leads_to_a_section_or_a_file() -> None:
    anchors = github_anchors(TEXT)
    targets = [m["target"] for m in LINK.finditer(TEXT)]
    assert targets
    for target in targets:
        if target.startswith("#"):
            assert target[1:] in anchors, target
        elif "://" not in target:
            assert (OPERATIONS_DOC.parent / target.split("#")[0]).exists(), target


def test_every_cli_flag_the_doc_names_exists_on_its_command() -> None:
    checked = 0
    for match in COMMAND.finditer(TEXT):
        command = PROGRAMS[match["program"]].commands.get(match["sub"])
        if command is None:
            continue
        known = {opt for param in command.params for opt in param.opts}
        for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", match["rest"]):
            assert flag in known, f"{match.group(0).strip()}: {flag}"
            checked += 1
    assert checked >= 5, "the doc's commands were not found"
