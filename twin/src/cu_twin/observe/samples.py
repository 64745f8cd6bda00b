"""One scrape of a Prometheus text exposition, flattened to (sample name, labels) -> value.

Pure: text in, values out. Series are kept by their sample name (``..._total``,
``..._bucket``), not their family name, so a query says exactly what the exposition says.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families

Labels = tuple[tuple[str, str], ...]
"""A series' labels, sorted by name: hashable and order-independent."""
SeriesKey = tuple[str, Labels]
SERIES_MAX = 20_000
"""More series than this in one scrape is not a TuringCore: refuse it rather than hold it."""


class ExpositionError(ValueError):
    """The text is not a Prometheus exposition this module can read."""


@dataclass(frozen=True)
class Snapshot:
    """Every sample of one scrape and when it was taken (a monotonic clock, in seconds)."""

    taken_at_s: float
    values: Mapping[SeriesKey, float]

    def series(self, name: str, **match: str) -> Iterator[tuple[dict[str, str], float]]:
        """(labels, value) of each series named ``name`` whose labels include ``match``."""
        for (sample, labels), value in self.values.items():
            if sample != name:
                continue
            found = dict(labels)
            if all(found.get(k) == v for k, v in match.items()):
                yield found, value

    def total(self, name: str, **match: str) -> float | None:
        """The sum over matching series; None when there is no such series."""
        values = [value for _, value in self.series(name, **match)]
        return sum(values) if values else None


def labels_of(labels: Mapping[str, str]) -> Labels:
    return tuple(sorted(labels.items()))


def parse_snapshot(text: str, taken_at_s: float) -> Snapshot:
    """The samples of ``text`` (``_created`` timestamps are left out: they are not figures)."""
    values: dict[SeriesKey, float] = {}
    try:
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name.endswith("_created"):
                    continue
                values[(sample.name, labels_of(sample.labels))] = float(sample.value)
                if len(values) > SERIES_MAX:
                    raise ExpositionError(f"more than {SERIES_MAX} series in one scrape")
    except ExpositionError:
        raise
    except (ValueError, TypeError, IndexError) as exc:
        raise ExpositionError(f"not a Prometheus text exposition: {exc}") from exc
    return Snapshot(taken_at_s, values)
