"""An editor's choice to be mailed each submission: users.submission_mails, on for every existing account.

Revision ID: 3463bdc9d404
Revises: 3c5a096c7a2c
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3463bdc9d404'
down_revision: str | None = '3c5a096c7a2c'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_mails', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('submission_mails')
