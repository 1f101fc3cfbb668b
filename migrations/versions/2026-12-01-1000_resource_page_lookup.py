"""A public page's lookup by its slug in its language uses an index again: since 5e0b7c3a9f21, the only index on
(language, slug) is the claimed resources' partial one, which a query not naming `claimed` cannot use (at 100k
resources, SQLite read every published row: 100-150 ms a page).

Revision ID: 9c4d2a7e1b35
Revises: 5e0b7c3a9f21
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '9c4d2a7e1b35'
down_revision: str | None = '5e0b7c3a9f21'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index('ix_resources_language_slug', ['language', 'slug'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index('ix_resources_language_slug')
