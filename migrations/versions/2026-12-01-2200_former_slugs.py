"""The slugs public resources had before their slug changed: their pages redirect to the current address.

Revision ID: 3c5a096c7a2c
Revises: 276aed9459d7
Create Date: 2026-12-01 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3c5a096c7a2c'
down_revision: str | None = '276aed9459d7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('former_slugs',
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('resource_id', sa.String(length=200), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_former_slugs_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('language', 'slug', name=op.f('pk_former_slugs'))
    )
    with op.batch_alter_table('former_slugs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_former_slugs_resource_id'), ['resource_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('former_slugs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_former_slugs_resource_id'))
    op.drop_table('former_slugs')
