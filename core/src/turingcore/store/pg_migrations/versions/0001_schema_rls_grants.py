"""Schema 1: the tables, row-level security on every tenant table, the service role's grants.

Every table but ``api_keys`` holds rows of one tenant each and is isolated by a policy on
the per-transaction setting ``app.tenant_id`` (ENABLED and FORCED, so even the owner is
filtered). ``api_keys`` is platform-level: a key is looked up by its hash before any tenant
is known, so it has no policy; it holds hashes only. Events and remembered commands are
append-only for the service role: it is granted SELECT and INSERT on them, nothing else.
JSON is stored as the exact text the core produced (events are hashed over their text).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import context, op

from turingcore.store.pg_migrate import check_role_name

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = (
    """CREATE TABLE api_keys (
        key_id      text COLLATE "C" PRIMARY KEY,
        key_hash    text NOT NULL UNIQUE,
        scope       text NOT NULL,
        tenant_id   text COLLATE "C",
        label       text,
        created_at  text COLLATE "C" NOT NULL,
        revoked_at  text
    )""",
    """CREATE TABLE tenants (
        tenant_id     text COLLATE "C" PRIMARY KEY,
        base_currency text NOT NULL,
        time_zone     text NOT NULL,
        record        text NOT NULL,
        head_position bigint NOT NULL CHECK (head_position >= 0),
        head_hash     text NOT NULL
    )""",
    """CREATE TABLE events (
        tenant_id  text COLLATE "C" NOT NULL,
        position   bigint NOT NULL CHECK (position >= 1),
        event_id   text NOT NULL,
        event_type text NOT NULL,
        stream_id  text NOT NULL,
        body       text NOT NULL,
        hash       text NOT NULL,
        PRIMARY KEY (tenant_id, position)
    )""",
    """CREATE TABLE commands (
        tenant_id       text COLLATE "C" NOT NULL,
        command_id      text COLLATE "C" NOT NULL,
        idempotency_key text COLLATE "C",
        content_hash    text NOT NULL,
        response        text NOT NULL,
        PRIMARY KEY (tenant_id, command_id)
    )""",
    """CREATE UNIQUE INDEX commands_by_idempotency_key
        ON commands (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL""",
    """CREATE TABLE products (
        tenant_id    text COLLATE "C" NOT NULL,
        product_code text COLLATE "C" NOT NULL,
        product_type text NOT NULL,
        record       text NOT NULL,
        PRIMARY KEY (tenant_id, product_code)
    )""",
    """CREATE TABLE customers (
        tenant_id     text COLLATE "C" NOT NULL,
        customer_id   text COLLATE "C" NOT NULL,
        seq           bigint NOT NULL,
        external_ref  text COLLATE "C",
        email         text COLLATE "C" NOT NULL,
        mobile        text COLLATE "C" NOT NULL,
        full_name     text NOT NULL,
        segment       text COLLATE "C",
        status        text COLLATE "C" NOT NULL,
        date_of_birth text NOT NULL,
        search_text   text COLLATE "C" NOT NULL,
        record        text NOT NULL,
        PRIMARY KEY (tenant_id, customer_id)
    )""",
    "CREATE UNIQUE INDEX customers_by_email ON customers (tenant_id, email)",
    "CREATE UNIQUE INDEX customers_by_mobile ON customers (tenant_id, mobile)",
    """CREATE UNIQUE INDEX customers_by_external_ref
        ON customers (tenant_id, external_ref) WHERE external_ref IS NOT NULL""",
    "CREATE INDEX customers_in_order ON customers (tenant_id, seq)",
    """CREATE TABLE accounts (
        tenant_id      text COLLATE "C" NOT NULL,
        account_id     text COLLATE "C" NOT NULL,
        seq            bigint NOT NULL,
        kind           text COLLATE "C" NOT NULL,
        customer_id    text COLLATE "C",
        product_code   text COLLATE "C",
        account_type   text NOT NULL,
        normal_balance text NOT NULL,
        status         text NOT NULL,
        currency       text NOT NULL,
        floor_cents    bigint,
        ceiling_cents  bigint,
        balance_cents  bigint NOT NULL DEFAULT 0,
        debit_cents    bigint NOT NULL DEFAULT 0,
        credit_cents   bigint NOT NULL DEFAULT 0,
        opened_at      text NOT NULL,
        record         text NOT NULL,
        PRIMARY KEY (tenant_id, account_id)
    )""",
    "CREATE INDEX accounts_in_order ON accounts (tenant_id, kind, seq)",
    "CREATE INDEX accounts_by_customer ON accounts (tenant_id, customer_id, seq)",
    """CREATE TABLE account_events (
        tenant_id  text COLLATE "C" NOT NULL,
        account_id text COLLATE "C" NOT NULL,
        position   bigint NOT NULL,
        PRIMARY KEY (tenant_id, account_id, position)
    )""",
)

TENANT_TABLES = (
    "tenants",
    "events",
    "commands",
    "products",
    "customers",
    "accounts",
    "account_events",
)

# What the service may do, table by table: no UPDATE or DELETE on events and commands, and
# UPDATE only of the columns a write moves (the chain head, balances, a product's record).
SERVICE_GRANTS = (
    "GRANT SELECT, INSERT, UPDATE (scope, tenant_id, label, created_at, revoked_at, key_hash)"
    " ON api_keys TO {role}",
    "GRANT SELECT, INSERT, UPDATE (head_position, head_hash) ON tenants TO {role}",
    "GRANT SELECT, INSERT ON events TO {role}",
    "GRANT SELECT, INSERT ON commands TO {role}",
    "GRANT SELECT, INSERT, UPDATE (product_type, record) ON products TO {role}",
    "GRANT SELECT, INSERT ON customers TO {role}",
    "GRANT SELECT, INSERT, UPDATE (balance_cents, debit_cents, credit_cents) ON accounts TO {role}",
    "GRANT SELECT, INSERT ON account_events TO {role}",
    "GRANT SELECT ON alembic_version TO {role}",
)


def _row_level_security(table: str) -> list[str]:
    tenant = "NULLIF(current_setting('app.tenant_id', true), '')"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY tenant_isolation ON {table} "
        f"USING (tenant_id = {tenant}) WITH CHECK (tenant_id = {tenant})",
    ]


def upgrade() -> None:
    role = '"' + check_role_name(context.config.attributes["service_role"]) + '"'
    for statement in TABLES:
        op.execute(statement)
    for table in TENANT_TABLES:
        for statement in _row_level_security(table):
            op.execute(statement)
    for grant in SERVICE_GRANTS:
        op.execute(grant.format(role=role))


def downgrade() -> None:
    for table in (*reversed(TENANT_TABLES), "api_keys"):
        op.execute(f"DROP TABLE {table}")
