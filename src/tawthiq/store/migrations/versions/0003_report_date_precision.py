"""reports: the precision of published_at (issue 17 item 5: "DATE: 2016-12" kept as a month)

Revision ID: 0003_report_date_precision
Revises: 0002_date_precision

A report dated only to the month ("2016-12") or the year ("2016") was refused a date (a warning,
and relative times unknown). It is now stored as the first day of its period with the period's
precision ("month", "year"). Rows stored before hold full dates, so their precision is "day"
where a date is set.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_report_date_precision"
down_revision: str | None = "0002_date_precision"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_precision", sa.String(length=5), nullable=True))
    op.execute("UPDATE reports SET published_precision = 'day' WHERE published_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("published_precision")
