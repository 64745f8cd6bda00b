"""Settings: one object, read from the environment (``TURINGCORE_*``) and CLI flags."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TURINGCORE_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8080
    data_dir: Path = Path("data")
    """The embedded SQLite store's directory (and, on either store, where access.log goes)."""
    database_url: SecretStr | None = None
    """``postgresql://`` URL of the production store; unset means the embedded SQLite store.
    ``serve`` connects with the service role's URL, ``migrate`` with the migration role's."""
    service_role: str = "turingcore_app"
    """The role ``migrate`` grants the service's rights to (it must exist, own nothing and
    not bypass row-level security)."""
    admin_key: SecretStr | None = None
    access_log: bool = True
    """Write one JSON line per request to ``<data_dir>/access.log``."""
    command_log: bool = True
    """Write one JSON line per command to ``<data_dir>/commands.log``."""
    rate_limit_per_s: float = 0.0
    """Requests per second allowed per API key (a token bucket); 0 turns limiting off."""
    rate_limit_burst: int = 200
