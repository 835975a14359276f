#!/usr/bin/env bash
# Build the demo workspace on a fresh machine or a developer's: create .venv if missing,
# install the project from pyproject.toml, then run `tawthiq demo` (arguments are passed on,
# e.g. --dir /tmp/demo). The demo workspace lands in ./demo-workspace by default.
# TAWTHIQ_SKIP_INSTALL=1 skips the pip install (a venv shared with running work).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "demo.sh: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
if [ "${TAWTHIQ_SKIP_INSTALL:-0}" != "1" ]; then
  echo "demo.sh: installing the project into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
fi
exec .venv/bin/tawthiq demo "$@"
