-- TuringCore embedded store, schema version 1.
-- Events are append-only; every other table is a projection or an index of them,
-- written in the same transaction as the events that caused it.

CREATE TABLE api_keys (
    key_id      TEXT PRIMARY KEY,
    key_hash    TEXT NOT NULL UNIQUE,
    scope       TEXT NOT NULL,
    tenant_id   TEXT,
    label       TEXT,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE tenants (
    tenant_id     TEXT PRIMARY KEY,
    base_currency TEXT NOT NULL,
    time_zone     TEXT NOT NULL,
    record        TEXT NOT NULL,
    head_position INTEGER NOT NULL,
    head_hash     TEXT NOT NULL
);

CREATE TABLE events (
    tenant_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    event_id   TEXT NOT NULL,
    event_type TEXT NOT NULL,
    stream_id  TEXT NOT NULL,
    body       TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, position)
) WITHOUT ROWID;

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE commands (
    tenant_id       TEXT NOT NULL,
    command_id      TEXT NOT NULL,
    idempotency_key TEXT,
    content_hash    TEXT NOT NULL,
    response        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, command_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX commands_by_idempotency_key
    ON commands (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE products (
    tenant_id    TEXT NOT NULL,
    product_code TEXT NOT NULL,
    product_type TEXT NOT NULL,
    record       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, product_code)
) WITHOUT ROWID;

CREATE TABLE customers (
    tenant_id     TEXT NOT NULL,
    customer_id   TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    external_ref  TEXT,
    email         TEXT NOT NULL,
    mobile        TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    segment       TEXT,
    status        TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    search_text   TEXT NOT NULL,
    record        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX customers_by_email ON customers (tenant_id, email);
CREATE UNIQUE INDEX customers_by_mobile ON customers (tenant_id, mobile);
CREATE UNIQUE INDEX customers_by_external_ref
    ON customers (tenant_id, external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX customers_in_order ON customers (tenant_id, seq);

CREATE TABLE accounts (
    tenant_id      TEXT NOT NULL,
    account_id     TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    customer_id    TEXT,
    product_code   TEXT,
    account_type   TEXT NOT NULL,
    normal_balance TEXT NOT NULL,
    status         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    floor_cents    INTEGER,
    ceiling_cents  INTEGER,
    balance_cents  INTEGER NOT NULL DEFAULT 0,
    debit_cents    INTEGER NOT NULL DEFAULT 0,
    credit_cents   INTEGER NOT NULL DEFAULT 0,
    opened_at      TEXT NOT NULL,
    record         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, account_id)
) WITHOUT ROWID;
CREATE INDEX accounts_in_order ON accounts (tenant_id, kind, seq);
CREATE INDEX accounts_by_customer ON accounts (tenant_id, customer_id, seq);

CREATE TABLE account_events (
    tenant_id  TEXT NOT NULL,
    account_id TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, account_id, position)
) WITHOUT ROWID;
