"""incidents: the rationale's phrases as data (issue 18: the Arabic rationale without parsing)

Revision ID: 0004_rationale_phrases
Revises: 0003_report_date_precision

A grade's rationale was stored as English text only, and the web's Arabic pages parsed it back
into phrases (a name holding "; " was split, a change of English wording broke the Arabic). It is
now also stored as a JSON list of ``{"key": …, "values": {…}}``, one per sentence
(``entities.RationalePhrase``), from which both languages are written.

No data step: rows stored before hold NULL, and readers read their phrases back from the text
(``corroborate.read_rationale``, kept for them alone) until the next ``tawthiq corroborate``
writes the phrases. Parsing here would tie this migration to the stage's wording of today.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_rationale_phrases"
down_revision: str | None = "0003_report_date_precision"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rationale_phrases", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("rationale_phrases")
