"""What both clients share before any I/O: defaults, headers, the retry policy."""

from __future__ import annotations

from turingcore_client._retry import RetryPolicy

DEFAULT_TIMEOUT_S = 30.0
"""Per connect, read, write and pool wait; a full 1,000-command batch takes seconds."""
USER_AGENT = "turingcore-client/0.1.0"
API_KEY_LENGTH_MAX = 512


def default_headers(api_key: str) -> dict[str, str]:
    """Headers on every request: the bearer key, JSON accepted, who is calling."""
    if not isinstance(api_key, str) or not 1 <= len(api_key) <= API_KEY_LENGTH_MAX:
        raise ValueError(f"api_key is a string of 1 to {API_KEY_LENGTH_MAX} characters")
    return {
        "Authorization": f"Bearer {api_key}",
        "Accept": "application/json, application/problem+json",
        "User-Agent": USER_AGENT,
    }


def retry_policy(retries: RetryPolicy | int | None) -> RetryPolicy:
    """The policy for ``retries``: default when None, a policy as is, an int of retries."""
    return RetryPolicy() if retries is None else RetryPolicy.of(retries)


def checked_timeout_s(timeout_s: float) -> float:
    """``timeout_s`` if positive; a float is fine here, it is a duration, not money."""
    if isinstance(timeout_s, bool) or not timeout_s > 0:
        raise ValueError("timeout_s must be > 0")
    return float(timeout_s)
