"""person_records: the precision of birth_date and event_date (issue 17: "12/2016" kept as a month)

Revision ID: 0002_date_precision
Revises: 0001

Lists write "12/2016" or "2016" where the day (or month) is not known; such a date was stored
empty. It is now stored as the first day of its period with the period's precision ("month",
"year"). Rows stored before hold full dates, so their precision is "day" where a date is set.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_date_precision"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_date_precision", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("event_date_precision", sa.String(length=5), nullable=True))
    for field in ("birth_date", "event_date"):
        op.execute(f"UPDATE person_records SET {field}_precision = 'day' WHERE {field} IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("person_records", schema=None) as batch_op:
        batch_op.drop_column("event_date_precision")
        batch_op.drop_column("birth_date_precision")
