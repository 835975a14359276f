#!/usr/bin/env bash
# Reproduce the web UI's vendored JavaScript/CSS from the npm registry.
#
# In: the npm registry (pinned versions below). Out: built dist files and their licences in
# src/tawthiq/web/static/vendor/. Never run at serve time: the files are committed, and the
# app loads nothing from a CDN.
set -euo pipefail

LEAFLET_VERSION="1.9.4"
MARKERCLUSTER_VERSION="1.5.3"
HTMX_VERSION="1.9.12"
SWAGGER_UI_VERSION="5.35.0"  # the API docs page; FastAPI would load it from a CDN

here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/tawthiq/web/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  "leaflet@$LEAFLET_VERSION" \
  "leaflet.markercluster@$MARKERCLUSTER_VERSION" \
  "htmx.org@$HTMX_VERSION" \
  "swagger-ui-dist@$SWAGGER_UI_VERSION"

rm -rf "$dest"
mkdir -p "$dest/leaflet/images" "$dest/markercluster" "$dest/htmx" "$dest/swagger-ui"
nm="$tmp/node_modules"
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$dest/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" "$dest/markercluster/"
cp "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$dest/markercluster/LICENSE.txt"
cp "$nm/htmx.org/dist/htmx.min.js" "$nm/htmx.org/LICENSE" "$dest/htmx/"
cp "$nm/swagger-ui-dist/swagger-ui-bundle.js" "$nm/swagger-ui-dist/swagger-ui.css" \
   "$nm/swagger-ui-dist/LICENSE" "$dest/swagger-ui/"
cp "$nm/swagger-ui-dist/NOTICE" "$dest/swagger-ui/NOTICE.txt"
# Drop source-map comments: the maps are not vendored, and browsers would ask for them.
sed -i '/^\/\/# sourceMappingURL=/d' "$dest"/*/*.js
cat > "$dest/VERSIONS.txt" <<VER
leaflet $LEAFLET_VERSION (BSD-2-Clause)
leaflet.markercluster $MARKERCLUSTER_VERSION (MIT)
htmx.org $HTMX_VERSION (0BSD)
swagger-ui-dist $SWAGGER_UI_VERSION (Apache-2.0)
VER
echo "vendored into $dest" >&2
