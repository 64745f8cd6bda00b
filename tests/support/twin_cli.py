"""Run the ``twin`` command as a user would, against a core process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.core_process import CoreProcess

TWIN = Path(sys.executable).parent / "twin"
TWIN_TIMEOUT_S = 900


def twin(core: CoreProcess, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TURINGCORE_URL": core.url,
        "TURINGCORE_API_KEY": core.admin_key,
        "COLUMNS": "200",
    }
    result = subprocess.run(
        [str(TWIN), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TWIN_TIMEOUT_S,
        check=False,
    )
    if check:
        assert result.returncode == 0, (
            f"twin {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return result


def twin_run_json(core: CoreProcess, out: Path, *args: str) -> dict[str, Any]:
    twin(core, "run", "steady-state", *args, "--json-out", str(out))
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report
