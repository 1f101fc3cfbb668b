"""Sites' requests for a publishable key, sent from the key request form and decided on the team page; and
organisations of the kind « company » (no schema change: kinds are stored as text).

Revision ID: 81d3f3fd3beb
Revises: 31ba081ee79f
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '81d3f3fd3beb'
down_revision: str | None = '31ba081ee79f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('key_requests',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('site_name', sa.String(length=200), nullable=False),
    sa.Column('origins', sa.JSON(), nullable=False),
    sa.Column('fixed_filters', sa.JSON(), nullable=False),
    sa.Column('api_key_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['api_key_id'], ['api_keys.id'], name=op.f('fk_key_requests_api_key_id_api_keys')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_key_requests_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_requests'))
    )
    with op.batch_alter_table('key_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_requests_decided_at'), ['decided_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('key_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_requests_decided_at'))
    op.drop_table('key_requests')
