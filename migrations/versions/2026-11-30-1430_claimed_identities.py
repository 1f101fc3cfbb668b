"""A partner's draft claims no public identity: resources.claimed, and translation keys and slugs unique among the
resources that claimed them (content/, and partners' from their first publication).

Revision ID: 5e0b7c3a9f21
Revises: 7a1c2e9d4b10
Create Date: 2026-11-30 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e0b7c3a9f21'
down_revision: str | None = '7a1c2e9d4b10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLAIMED = sa.text("claimed")
CLAIMED_INDEXES = {
    'uq_resources_claimed_language_slug': ['language', 'slug'],
    'uq_resources_claimed_translation_key_language': ['translation_key', 'language'],
}


def upgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.drop_constraint('uq_resources_language_slug', type_='unique')
        batch_op.drop_constraint('uq_resources_translation_key_language', type_='unique')
    # a partner's resource that was never published claims nothing yet
    op.execute(
        "UPDATE resources SET claimed = false WHERE origin = 'api' AND NOT EXISTS (SELECT 1 FROM resource_revisions "
        "WHERE resource_revisions.resource_id = resources.id AND resource_revisions.state = 'published')"
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        for name, columns in CLAIMED_INDEXES.items():
            batch_op.create_index(name, columns, unique=True, sqlite_where=CLAIMED, postgresql_where=CLAIMED)


def downgrade() -> None:
    with op.batch_alter_table('resources', schema=None) as batch_op:
        for name in CLAIMED_INDEXES:
            batch_op.drop_index(name)
        batch_op.create_unique_constraint('uq_resources_translation_key_language', ['translation_key', 'language'])
        batch_op.create_unique_constraint('uq_resources_language_slug', ['language', 'slug'])
        batch_op.drop_column('claimed')
