"""Bad input to `twin` ends with a clear message and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.twin_cli import TWIN


def _twin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TWIN), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_an_unknown_scenario_is_refused_with_exit_2() -> None:
    result = _twin("run", "no-such-scenario")
    assert result.returncode == 2
    assert "unknown scenario" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_bad_scenario_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenarioCode: BAD\nmembers: lots\n", encoding="utf-8")
    result = _twin("run", str(bad))
    assert result.returncode == 2
    assert "bad.yaml" in result.stderr and "members" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_core_url_without_a_key_is_refused() -> None:
    result = subprocess.run(
        [str(TWIN), "seed", "--core-url", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "--api-key" in result.stderr


def test_an_unreachable_core_is_a_clear_error() -> None:
    result = _twin("seed", "--core-url", "http://127.0.0.1:9", "--api-key", "k")
    assert result.returncode == 1
    assert "error" in result.stderr and "Traceback" not in result.stderr


def test_reset_is_refused_outside_dev_mode(tmp_path: Path) -> None:
    result = _twin("reset", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "dev mode" in result.stderr
