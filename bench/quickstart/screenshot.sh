#!/usr/bin/env bash
# Renders a quickstart report.html in Debian's headless Chromium and saves a PNG screenshot, so the
# page can be checked as a person sees it: bench/quickstart/screenshot.sh RUN_DIR [OUT.png]
set -euo pipefail
RUN="${1:?usage: screenshot.sh RUN_DIR [OUT.png]}"
PNG="${2:-$RUN/report.png}"
[[ -f "$RUN/report.html" ]] || { echo "screenshot: $RUN/report.html not found (run bin/contrast4j quickstart first)" >&2; exit 2; }
command -v chromium >/dev/null || { echo "screenshot: chromium not found (apt-get install chromium)" >&2; exit 2; }
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$PROFILE" --hide-scrollbars --window-size=1200,3000 \
  --screenshot="$(realpath -m "$PNG")" "file://$(realpath "$RUN/report.html")" 2>/dev/null
# The page must have drawn its score table and its search results, not an error page.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$PROFILE" --dump-dom "file://$(realpath "$RUN/report.html")" 2>/dev/null \
  | grep -q 'Contrast4J quickstart' || { echo "screenshot: the page did not render" >&2; exit 1; }
echo "screenshot: $PNG ($(stat -c %s "$PNG") bytes)"
