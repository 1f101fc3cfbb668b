"""A training module's facts from its front matter: resources.duration (minutes), level and prerequisites, empty
for every resource there is (the next `crv content load` fills the modules').

Revision ID: 3b0860c62934
Revises: 81d3f3fd3beb
Create Date: 2026-12-03 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3b0860c62934'
down_revision: str | None = '81d3f3fd3beb'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duration', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('level', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('prerequisites', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_column('prerequisites')
        batch_op.drop_column('level')
        batch_op.drop_column('duration')
