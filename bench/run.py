"""Every benchmark, one after the other: ``scripts/bench`` (add ``--full`` for 10,000 x 30
and the scaling series; ``--suites=twin,scaling`` for a subset). Prints each figure with its baseline and ratio; writes
``bench/results/<suite>.json``.

When PostgreSQL server binaries are installed (``scripts/system-packages``), the store
suites run again on a throwaway PostgreSQL server with its default, durable settings
(``--no-postgres`` skips them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bench import chain_verify, http_api, inprocess, scaling, twin_runs
from bench.common import Results
from tests.support.postgres import PostgresCluster, find_bin_dir, start_cluster


@contextmanager
def postgres_cluster(wanted: bool) -> Iterator[PostgresCluster | None]:
    if not wanted:
        yield None
        return
    try:
        find_bin_dir()
    except RuntimeError as exc:
        print(f"(PostgreSQL suites skipped: {exc})")
        yield None
        return
    cluster = start_cluster(settings=())
    try:
        yield cluster
    finally:
        cluster.stop()


SUITES = ("inprocess", "http", "chain", "twin", "scaling")


def _chosen(argv: list[str]) -> set[str]:
    """``--suites twin,scaling`` runs only those (default: all but scaling, which --full adds)."""
    for arg in argv:
        if arg.startswith("--suites="):
            return set(arg.removeprefix("--suites=").split(","))
    return set(SUITES) if "--full" in argv else set(SUITES) - {"scaling"}


def main(argv: list[str]) -> int:
    full = "--full" in argv
    chosen = _chosen(argv)
    sizes = ((500, 30), (10_000, 30)) if full else ((500, 30),)
    with postgres_cluster("--no-postgres" not in argv) as cluster:
        in_process = inprocess.run() if "inprocess" in chosen else None
        floor = in_process.figures[0].baseline_value if in_process else None
        suites: list[Callable[[], Results]] = []
        if in_process is not None:
            suites.append(lambda: in_process)
        if "http" in chosen:
            suites.append(lambda: http_api.run(insert_floor=floor))
        if "chain" in chosen:
            suites.append(chain_verify.run)
        if "twin" in chosen:
            suites.append(lambda: twin_runs.run(sizes))
        if cluster is not None:

            def new_database() -> str:
                assert cluster is not None
                return cluster.create_database().service_url

            if in_process is not None:
                sqlite_rate = in_process.figures[0].value
                suites.append(lambda: inprocess.run_postgres(new_database(), sqlite_rate))
            if "http" in chosen:
                suites.append(
                    lambda: http_api.run(
                        label="PostgreSQL", database_url=new_database(), insert_floor=floor
                    )
                )
            if "twin" in chosen:
                suites.append(
                    lambda: twin_runs.run(sizes, label="PostgreSQL", new_database=new_database)
                )
        if "scaling" in chosen:
            suites.append(scaling.run)
        for suite in suites:
            results = suite()
            results.print()
            print(f"  -> {results.save()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
