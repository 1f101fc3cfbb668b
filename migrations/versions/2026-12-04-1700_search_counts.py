"""Daily counts of the words searched, and of those that found nothing or few resources (never who searched).

Revision ID: 9c4f1a7e2b60
Revises: 5d2e8f0a7c41
Create Date: 2026-12-04 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9c4f1a7e2b60'
down_revision: str | None = '5d2e8f0a7c41'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('search_counts',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('query', sa.String(length=100), nullable=False),
    sa.Column('searches', sa.Integer(), nullable=False),
    sa.Column('found_nothing', sa.Integer(), nullable=False),
    sa.Column('found_few', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'language', 'source', 'query', name=op.f('pk_search_counts'))
    )


def downgrade() -> None:
    op.drop_table('search_counts')
