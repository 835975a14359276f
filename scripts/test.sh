#!/usr/bin/env bash
# Run Tawthiq's test suite on a fresh machine or a developer's:
#   1. create .venv if missing and install the project with its test extras from pyproject.toml;
#   2. start a throwaway PostgreSQL 15 (scripts/_pg.sh) so the store tests run on it too;
#   3. check the structure (docs/architecture.md): ruff check, ruff format --check, the import
#      layers (import-linter: cli/web -> app -> stages -> store -> entities; the store imports
#      no stage) and mypy on src/ (configured in pyproject.toml); any failure stops here;
#   4. run pytest with 2 workers (pytest-xdist). Extra arguments go to pytest.
# TAWTHIQ_SKIP_CHECKS=1 skips step 3 (a quick re-run of some tests).
# TAWTHIQ_SKIP_INSTALL=1 skips step 1's pip install (a venv shared with running work).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "test.sh: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
if [ "${TAWTHIQ_SKIP_INSTALL:-0}" != "1" ]; then
  echo "test.sh: installing the project and its test extras into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test,spark,pdf]'
fi

# --- system packages for browser tests (web stage): add apt-get lines here --------------
# (e.g. `apt-get install -y chromium` when running as root in CI). Keep this block idempotent.
# [web, issue 7] Debian's Chromium for tests/web/test_browser.py (Playwright drives it through
# executable_path; no browser download). Only when it is missing and apt-get can install it;
# otherwise the browser tests skip with the reason.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "test.sh: installing chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core) >&2 \
    || echo "test.sh: could not install chromium; browser tests will be skipped" >&2
fi
# --- end of browser set-up ----------------------------------------------------------------

# --- the structure checks (issue 14), on this checkout's src/ whatever the venv points at ----
if [ "${TAWTHIQ_SKIP_CHECKS:-0}" != "1" ]; then
  echo "test.sh: ruff, import layers, mypy" >&2
  .venv/bin/ruff check src tests
  .venv/bin/ruff format --check src tests
  PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}" .venv/bin/lint-imports
  PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}" .venv/bin/mypy
fi

# shellcheck source=scripts/_pg.sh
source "$ROOT/scripts/_pg.sh"
pg_start

set +e
.venv/bin/python -m pytest -n 2 "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  if [ "$#" -gt 0 ]; then
    echo "test.sh: no test matched the selection ($*)" >&2
    exit 0
  fi
  echo "test.sh: pytest collected no tests at all: the suite is broken" >&2
  exit 1
fi
exit "$status"
