"""claims: how a claim's day was found (issue 15, session 24)

Revision ID: 0006_claim_time_basis
Revises: 0005_report_url_metadata

``claims.time_basis`` holds ``Claim.time_basis``: ``sentence`` (told in its sentence), ``paragraph``
(borrowed from its paragraph), ``context`` (borrowed from the report beyond it: the event day a
follow-up report tells), ``report`` (its report's own day). Corroboration reads a ``context`` day as
its report's day; without the column a workspace's stored claims lost it, and a lent day read back
from the store was read as exact (docs/corroboration.md, "Borrowed days").

No data step: rows stored before keep NULL (not said), read as before; the next ``tawthiq extract``
of their report fills it for its unreviewed claims.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_claim_time_basis"
down_revision: str | None = "0005_report_url_metadata"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_basis", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("time_basis")
