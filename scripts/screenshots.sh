#!/usr/bin/env bash
# Regenerates docs/screenshots/ (shown in docs/web.md, "Screenshots") from the browser tests:
# tests/web/test_phone.py loads each main page in English and Arabic, at 390 px and at 1280 px,
# in Debian's Chromium, and with TAWTHIQ_SCREENSHOTS set writes one 64-colour PNG per page,
# language and width (36 files, ~10-40 KB each). Nothing is written on an ordinary test run.
#   scripts/screenshots.sh [OUTPUT_DIR]      # default docs/screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
rm -f "$out"/*.png
PY="${PYTHON:-.venv/bin/python}"
TAWTHIQ_SCREENSHOTS="$out" PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}" \
  "$PY" -m pytest tests/web/test_phone.py -q -p no:cacheprovider -n 0 -k sideways
ls "$out"/*.png | wc -l | xargs echo "screenshots written to $out:"
