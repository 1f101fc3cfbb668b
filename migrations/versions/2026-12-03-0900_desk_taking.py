"""The desk's « I'm reviewing this »: resource_revisions.taken_by and taken_at, the editor who took a submission and
since when (none for every existing one).

Revision ID: 31ba081ee79f
Revises: 3463bdc9d404
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '31ba081ee79f'
down_revision: str | None = '3463bdc9d404'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('resource_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('taken_by', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('taken_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('resource_revisions', schema=None) as batch_op:
        batch_op.drop_column('taken_at')
        batch_op.drop_column('taken_by')
