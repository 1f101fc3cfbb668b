"""Resources, the search outbox and the sync lease.

Revision ID: f849f47c394a
Revises: 
Create Date: 2026-11-26 22:16:12.307222
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'f849f47c394a'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('resources',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('translation_key', sa.String(length=160), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('sectors', sa.JSON(), nullable=False),
    sa.Column('risks', sa.JSON(), nullable=False),
    sa.Column('audiences', sa.JSON(), nullable=False),
    sa.Column('publisher', sa.String(length=120), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('licence', sa.String(length=64), nullable=False),
    sa.Column('published_at', sa.Date(), nullable=False),
    sa.Column('updated_at', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('source_path', sa.String(length=500), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources')),
    sa.UniqueConstraint('language', 'slug', name=op.f('uq_resources_language_slug')),
    sa.UniqueConstraint('translation_key', 'language', name=op.f('uq_resources_translation_key_language'))
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_translation_key'), ['translation_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_type'), ['type'], unique=False)

    op.create_table('search_outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('resource_id', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('available_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox'))
    )
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_outbox_available_at'), ['available_at'], unique=False)

    op.create_table('sync_leases',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('holder', sa.String(length=128), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_sync_leases'))
    )


def downgrade() -> None:
    op.drop_table('sync_leases')
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_outbox_available_at'))

    op.drop_table('search_outbox')
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resources_type'))
        batch_op.drop_index(batch_op.f('ix_resources_translation_key'))
        batch_op.drop_index(batch_op.f('ix_resources_status'))

    op.drop_table('resources')
