"""Indexes for the REST API's queries: type in date order, and covering indexes for counts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 11:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_type_date": ["event_type", "date_start"],
    "ix_events_date_type_mode": ["date_start", "event_type", "mode"],
    "ix_events_location_type_mode": ["location_id", "event_type", "mode"],
    "ix_events_dyad_type_mode": ["actor_id", "recipient_id", "event_type", "mode"],
}


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
