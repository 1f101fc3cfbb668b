"""Daily counts of a published resource's reads — its page, its documents, the API — never who read it.

Revision ID: 6a1d3c9e4f27
Revises: 4b8e2f6a1c93
Create Date: 2026-12-04 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '6a1d3c9e4f27'
down_revision: str | None = '4b8e2f6a1c93'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('read_counts',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('resource_id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('reads', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'resource_id', 'kind', name=op.f('pk_read_counts'))
    )
    op.create_index('ix_read_counts_resource_id_day', 'read_counts', ['resource_id', 'day'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_read_counts_resource_id_day', table_name='read_counts')
    op.drop_table('read_counts')
