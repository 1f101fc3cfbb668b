"""An erased account (the GDPR's right to erasure): users.erased_at, empty for every account there is.

Revision ID: 5d2e8f0a7c41
Revises: 3b0860c62934
Create Date: 2026-12-04 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5d2e8f0a7c41'
down_revision: str | None = '3b0860c62934'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
