"""reports: the header's URL and its other keys (issue 15 item 5: read, then dropped)

Revision ID: 0005_report_url_metadata
Revises: 0004_rationale_phrases

A report's header block (``URL:``, ``CONFLICT:``, ``SAME_EVENT_GROUP:``…) was read by ingest and
then dropped: the reports table had no column for it. ``url`` holds ``URL:`` as written and
``header_metadata`` the other keys as a JSON list of ``[key, value]`` pairs in their order.

No data step: rows stored before hold NULL in both (no URL, no other keys); their original bytes,
header included, are in the evidence store, and re-ingesting the same file is a duplicate.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_report_url_metadata"
down_revision: str | None = "0004_rationale_phrases"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("header_metadata", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("header_metadata")
        batch_op.drop_column("url")
