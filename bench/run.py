"""Every benchmark, one after the other: ``scripts/bench`` (add ``--full`` for 10,000 x 30
and the scaling series). Prints each figure with its baseline and ratio; writes
``bench/results/<suite>.json``."""

from __future__ import annotations

import sys

from bench import chain_verify, http_api, inprocess, scaling, twin_runs


def main(argv: list[str]) -> int:
    full = "--full" in argv
    suites = [inprocess.run, http_api.run, chain_verify.run]
    sizes = ((500, 30), (10_000, 30)) if full else ((500, 30),)
    suites.append(lambda: twin_runs.run(sizes))
    if full:
        suites.append(scaling.run)
    for suite in suites:
        results = suite()
        results.print()
        print(f"  -> {results.save()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
