"""Readers' email alerts for a search: search_alerts (address, language, the feed's selection, frequency, and when
asked, confirmed and last sent).

Revision ID: 4b8e2f6a1c93
Revises: 7e3b9d2c5a18
Create Date: 2026-12-04 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '4b8e2f6a1c93'
down_revision: str | None = '7e3b9d2c5a18'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('search_alerts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('selection', sa.JSON(), nullable=False),
    sa.Column('frequency', sa.String(length=8), nullable=False),
    sa.Column('requested_from', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_alerts'))
    )
    with op.batch_alter_table('search_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_alerts_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_alerts_requested_from'), ['requested_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_alerts_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_alerts_confirmed_at'), ['confirmed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('search_alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_alerts_confirmed_at'))
        batch_op.drop_index(batch_op.f('ix_search_alerts_created_at'))
        batch_op.drop_index(batch_op.f('ix_search_alerts_requested_from'))
        batch_op.drop_index(batch_op.f('ix_search_alerts_email'))
    op.drop_table('search_alerts')
