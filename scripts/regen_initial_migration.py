#!/usr/bin/env python
"""Regenerate the single initial Alembic revision from the current models (pre-release only).

Until the first release the store has ONE migration, ``0001_initial``. When you append a
table or column to ``src/tawthiq/store/tables.py``, run::

    .venv/bin/python scripts/regen_initial_migration.py

It deletes ``migrations/versions/0001_initial.py``, autogenerates it again against an empty
SQLite database, and prints the file so you can read it. Existing workspaces made before the
change must be recreated (``tawthiq init``) — that is why this is pre-release only; after a
release, add a normal ``alembic revision --autogenerate`` on top instead.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tawthiq.store._migrate import MIGRATIONS, alembic_config  # noqa: E402

REV = "0001"


def main() -> int:
    later = sorted(p.name for p in (MIGRATIONS / "versions").glob("0*.py") if not p.name.startswith(REV))
    if later:  # 0001 regenerated from today's models would hold what these revisions add
        print(f"refused: revisions after 0001 exist ({', '.join(later)}); add a new revision "
              "instead (docs/store.md)", file=sys.stderr)  # fmt: skip
        return 1
    target = MIGRATIONS / "versions" / f"{REV}_initial.py"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(url=f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(cfg, message="initial", autogenerate=True, rev_id=REV)
    generated = next((MIGRATIONS / "versions").glob(f"{REV}_*.py"))
    if generated != target:
        generated.rename(target)
    text = target.read_text("utf-8")
    # a fixed date keeps the file stable when nothing changed
    lines = [ln for ln in text.splitlines() if not ln.startswith("Create Date:")]
    target.write_text("\n".join(lines) + "\n", "utf-8")
    ruff = Path(sys.executable).with_name("ruff")
    if ruff.exists():  # keep the generated file as clean as hand-written code
        subprocess.run([str(ruff), "format", "-q", str(target)], check=False)
        subprocess.run([str(ruff), "check", "-q", "--fix", "--unsafe-fixes", str(target)], check=False)
    print(target.read_text("utf-8"))
    print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
