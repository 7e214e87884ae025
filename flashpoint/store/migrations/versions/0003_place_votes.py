"""Place votes: each stored document's place readings, so that an outlet's home (`geo.homes`)
carries over from one run to the next.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "place_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(length=256), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("admin1", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("place_votes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_place_votes_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_place_votes_outlet"), ["outlet"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("place_votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_votes_outlet"))
        batch_op.drop_index(batch_op.f("ix_place_votes_document_id"))
    op.drop_table("place_votes")
