#!/usr/bin/env bash
# Prove the runtime dependencies are complete (issue 17): what a documenter gets from a plain
# `pip install tawthiq` must run the whole pipeline and export every format.
#   1. build a wheel from this checkout's pyproject.toml and src/ (copied to a temp dir, so a
#      stale build/ folder cannot slip old files into it);
#   2. install it ALONE, no extras, into a fresh venv in a temp dir (packages come from the
#      registry as pip is configured; pip's cache is used);
#   3. import every module of the package (an import declared only in an extra fails here);
#   4. `tawthiq demo --no-serve`, then every export format on the demo workspace, each checked
#      with `tawthiq verify-export`, and `tawthiq serve` answering its public JSON on 127.0.0.1;
#   5. a command that needs an optional extra (pdf: `dossier --pdf`; spark: linkage on Spark)
#      fails with exit 1 and ONE line naming the extra to install, never a traceback.
# Called by .ci/run after scripts/test.sh. TAWTHIQ_WHEEL_KEEP=1 keeps the temp dir (printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PYTHON="${PYTHON:-python3}"
START=$SECONDS

TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  if [ "${TAWTHIQ_WHEEL_KEEP:-0}" = "1" ]; then
    echo "ci_wheel.sh: kept $TMP" >&2
  else
    rm -rf "$TMP"
  fi
}
trap cleanup EXIT
fail() {
  echo "ci_wheel.sh: FAILED: $*" >&2
  exit 1
}
say() { echo "ci_wheel.sh: [$((SECONDS - START)) s] $*" >&2; }

# --- 1. the wheel ---------------------------------------------------------------------------
mkdir -p "$TMP/src-copy" "$TMP/dist"
cp -r pyproject.toml README.md LICENSE src "$TMP/src-copy/"
find "$TMP/src-copy" \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +
"$PYTHON" -m venv "$TMP/venv"
VENV="$TMP/venv"
say "building the wheel"
"$VENV/bin/python" -m pip wheel --quiet --no-deps -w "$TMP/dist" "$TMP/src-copy" 2>"$TMP/pip-wheel.err" \
  || { cat "$TMP/pip-wheel.err" >&2; fail "the wheel did not build"; }
WHEEL="$(ls "$TMP"/dist/tawthiq-*.whl)"

# --- 2. installed alone, no extras ----------------------------------------------------------
say "installing $(basename "$WHEEL") with no extras into a fresh venv"
"$VENV/bin/python" -m pip install --quiet "$WHEEL" 2>"$TMP/pip-install.err" \
  || { grep -v "is ignored: it is neither" "$TMP/pip-install.err" >&2; fail "the wheel did not install"; }
for extra in weasyprint pyspark pytest; do
  if "$VENV/bin/python" -c "import $extra" 2>/dev/null; then
    fail "$extra is installed by a plain install: it belongs in an extra"
  fi
done
TAWTHIQ="$VENV/bin/tawthiq"

# --- 3. every module imports ----------------------------------------------------------------
say "importing every module"
"$VENV/bin/python" - <<'EOF' || fail "a module does not import on a plain install"
import importlib, pkgutil, sys, tawthiq
n = 0
for m in pkgutil.walk_packages(tawthiq.__path__, "tawthiq."):
    if ".migrations." in m.name + ".":  # Alembic scripts: imported by Alembic, with its context
        continue
    importlib.import_module(m.name)
    n += 1
print(f"ci_wheel.sh: {n} modules import", file=sys.stderr)
EOF

# --- 4. the demo, every export, the web -------------------------------------------------------
cd "$TMP"
say "tawthiq demo --no-serve"
"$TAWTHIQ" demo --dir demo --no-serve >demo.out 2>demo.err || { cat demo.err >&2; fail "tawthiq demo"; }
grep -q "audit chain: intact" demo.out || { cat demo.out >&2; fail "the demo's audit chain"; }
export TAWTHIQ_WORKSPACE="$TMP/demo"
# the claims the demo extracted are unreviewed, and only reviewed claims are published: approve
# them when this version has `tawthiq claims approve`, so the exporters write rows too
if "$TAWTHIQ" claims approve --help >/dev/null 2>&1; then
  "$TAWTHIQ" claims approve --all --reason "ci_wheel.sh: demo corpus" >/dev/null \
    || fail "tawthiq claims approve --all"
fi
FORMATS="$("$TAWTHIQ" export --help | sed -n 's/.*One of: \([a-z, ]*\)\..*/\1/p' | tr -d ',')"
[ -n "$FORMATS" ] || fail "could not read the export formats from 'tawthiq export --help'"
for fmt in $FORMATS; do
  "$TAWTHIQ" export "$fmt" --out "export-$fmt" --json >"export-$fmt.json" 2>"export-$fmt.err" \
    || { cat "export-$fmt.err" >&2; fail "tawthiq export $fmt"; }
  "$TAWTHIQ" verify-export "export-$fmt" >/dev/null 2>&1 || fail "tawthiq verify-export export-$fmt"
  say "export $fmt: $(find "export-$fmt" -type f | wc -l) file(s), signature verified"
done

PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$TAWTHIQ" serve --host 127.0.0.1 --port "$PORT" >serve.out 2>serve.err &
SERVER_PID=$!
"$VENV/bin/python" - "$PORT" <<'EOF' || { cat serve.err >&2; fail "tawthiq serve did not answer"; }
import json, sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/public/incidents.json"
for _ in range(120):  # at most ~60 s for the server to start
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            json.load(r)
            print("ci_wheel.sh: tawthiq serve answers /public/incidents.json", file=sys.stderr)
            sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit(1)
EOF
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

# --- 5. a missing extra is one line naming it ---------------------------------------------------
one_line_naming() {  # $1 = extra, $2 = stderr file, $3 = exit code
  [ "$3" = 1 ] || fail "exit code $3 (want 1) without the $1 extra"
  grep -q "Traceback" "$2" && { cat "$2" >&2; fail "a traceback without the $1 extra"; }
  grep -q "tawthiq\[$1\]" "$2" || { cat "$2" >&2; fail "the message does not name the $1 extra"; }
  [ "$(grep -c "error:" "$2")" = 1 ] || { cat "$2" >&2; fail "not one error line without the $1 extra"; }
  say "without the $1 extra: $(grep "error:" "$2")"
}
set +e
INCIDENT="$("$TAWTHIQ" incidents --json | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
"$TAWTHIQ" dossier "$INCIDENT" --out dossier --pdf >/dev/null 2>pdf.err
code=$?
one_line_naming pdf pdf.err "$code"
"$VENV/bin/python" - >/dev/null 2>spark.err <<'EOF'
import sys
from tawthiq.errors import TawthiqError
from tawthiq.people import link_records
try:
    link_records([], backend="spark")
except TawthiqError as exc:  # what the CLI prints for any TawthiqError
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(1)
EOF
code=$?
one_line_naming spark spark.err "$code"
set -e

say "ok: a plain install runs the demo, every export, the web, and names a missing extra"
