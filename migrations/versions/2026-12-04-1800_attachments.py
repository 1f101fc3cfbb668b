"""Documents attached to partners' resources: attachment_files (their bytes, once each, by SHA-256),
resource_revisions.attachments (each revision's) and resources.attachments (those of the published version), empty
for every resource and revision there is.

Revision ID: 7e3b9d2c5a18
Revises: 9c4f1a7e2b60
Create Date: 2026-12-04 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7e3b9d2c5a18'
down_revision: str | None = '9c4f1a7e2b60'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('attachment_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_attachment_files'))
    )
    for table in ('resources', 'resource_revisions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('attachments', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    for table in ('resource_revisions', 'resources'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('attachments')
    op.drop_table('attachment_files')
