#!/usr/bin/env bash
# Proves the committed front-end bundle matches its source packages on the npm registry (STYLE.md §15).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
npm init -y >/dev/null 2>&1
npm install --silent --no-audit --no-fund @tabler/core@1.6.1 htmx.org@2.0.11 leaflet@1.9.4 echarts@5.6.0 >/dev/null 2>&1
vendor="$root/zongzhi/utilities/static/vendor"
status=0
check() {
  if cmp -s "$1" "$2"; then echo "ok      $2"; else echo "DIFFERS $2"; status=1; fi
}
check node_modules/@tabler/core/dist/css/tabler.min.css "$vendor/tabler/tabler.min.css"
check node_modules/@tabler/core/dist/js/tabler.min.js "$vendor/tabler/tabler.min.js"
check node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx/htmx.min.js"
check node_modules/leaflet/dist/leaflet.js "$vendor/leaflet/leaflet.js"
check node_modules/leaflet/dist/leaflet.css "$vendor/leaflet/leaflet.css"
check node_modules/echarts/dist/echarts.min.js "$vendor/echarts/echarts.min.js"
exit $status
