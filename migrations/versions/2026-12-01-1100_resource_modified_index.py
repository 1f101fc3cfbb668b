"""Resources' last modification indexed: a process tells whether another changed any resource from the latest one
(the site's cache of published resources), without reading every row.

Revision ID: 6b2e9f4c8a13
Revises: 3f8e6b1d2c47
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '6b2e9f4c8a13'
down_revision: str | None = '3f8e6b1d2c47'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index('ix_resources_modified_at', ['modified_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index('ix_resources_modified_at')
