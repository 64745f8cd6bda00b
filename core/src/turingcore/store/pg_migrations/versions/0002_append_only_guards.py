"""Schema 2: the database itself refuses to rewrite history, whoever asks.

The service role already lacks UPDATE and DELETE on events (revision 0001); these triggers
also stop the owner and any later grant by mistake: events are never updated, deleted or
truncated, and a tenant's chain head only moves forward.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UPGRADE = (
    """CREATE FUNCTION refuse_event_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'events are append-only (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$""",
    """CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION refuse_event_rewrite()""",
    """CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_rewrite()""",
    """CREATE FUNCTION chain_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.head_position < OLD.head_position
           OR (NEW.head_position = OLD.head_position AND NEW.head_hash <> OLD.head_hash) THEN
            RAISE EXCEPTION 'the chain head of % may only move forward', OLD.tenant_id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER tenants_head_moves_forward BEFORE UPDATE OF head_position, head_hash
        ON tenants FOR EACH ROW EXECUTE FUNCTION chain_head_moves_forward()""",
)


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER tenants_head_moves_forward ON tenants")
    op.execute("DROP FUNCTION chain_head_moves_forward()")
    op.execute("DROP TRIGGER events_are_never_truncated ON events")
    op.execute("DROP TRIGGER events_are_append_only ON events")
    op.execute("DROP FUNCTION refuse_event_rewrite()")
