"""Alembic migrations of the Tawthiq store (one initial revision before the first release)."""
