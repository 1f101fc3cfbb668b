"""Requests for the link that manages an address's email alerts: alert_link_requests (address, client, when), kept
for their throttling's hour only.

Revision ID: 9c4a7e1b2d58
Revises: 6a1d3c9e4f27
Create Date: 2026-12-04 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9c4a7e1b2d58'
down_revision: str | None = '6a1d3c9e4f27'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('alert_link_requests',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('requested_from', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_link_requests'))
    )
    with op.batch_alter_table('alert_link_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_link_requests_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_link_requests_requested_from'), ['requested_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_link_requests_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('alert_link_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_link_requests_created_at'))
        batch_op.drop_index(batch_op.f('ix_alert_link_requests_requested_from'))
        batch_op.drop_index(batch_op.f('ix_alert_link_requests_email'))
    op.drop_table('alert_link_requests')
