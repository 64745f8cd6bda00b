"""Watching a run: a live terminal panel of the core's ``/metrics`` and the twin's own
metrics for the alerting stack (pushed to a Pushgateway at the end of a run).

Pure arithmetic lives in ``samples`` (parse), ``figures`` (rates, histogram quantiles,
CPU%) and ``dashboard`` (the panel's figures from successive scrapes); the shell is
``scrape`` (a background thread), ``live`` (the Rich live display), ``push``. Tests:
``tests/unit/twin/test_observe*.py`` and ``tests/e2e/twin/test_observe*.py``.
"""
