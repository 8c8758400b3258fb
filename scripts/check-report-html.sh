#!/usr/bin/env bash
# Check report.html in a real browser engine (headless Chromium): every chart is drawn, no image
# fails to load, nothing refers outside the page, the browser logs no console message about it,
# and it prints to PDF. Not part of `cargo test` (which parses the pages with html5ever instead,
# tests/report_html.rs), because it needs Chromium and takes a minute.
#
#   scripts/check-report-html.sh [SPILLWAY_BINARY]
#
# Installs Debian's chromium (and poppler-utils, for pdftoppm/pdfinfo) with apt-get when they
# are missing (needs root). Runs, into a temporary folder, the default scenario at 24 h, the
# 2026 cases with `compare` and the `line-capex` sweep, then for each report.html:
#   1. loads it in an iframe of a small checker page (read access between file:// pages with
#      --allow-file-access-from-files) and, after the load event, checks in the browser's own
#      DOM: every <img> complete with a natural width, every <svg> laid out with a non-empty
#      box, every src/href a fragment of the page itself; --dump-dom hands the verdict back;
#   2. greps the browser's log (--enable-logging=stderr --v=0) for console messages from the
#      page (an SVG attribute Chromium cannot parse is logged there, for instance);
#   3. prints it to PDF (--print-to-pdf, no header or footer) and renders its first pages to
#      PNG with pdftoppm, to be looked at.
# Before that it proves the checks can fail: a copy of the run's page with one image link to a
# missing file, and one with an SVG whose viewBox is broken, must each be caught.
# Exit status 0 when every page passes and both broken copies are caught, else 1.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${1:-target/release/spillway}
if [ ! -x "$BIN" ]; then
  cargo build --release
fi
need() { command -v "$1" >/dev/null 2>&1; }
if ! need chromium || ! need pdftoppm; then
  apt-get install -y chromium poppler-utils
fi

WORK=$(mktemp -d /tmp/spillway-html-check.XXXXXX)
echo "work folder: $WORK"
echo "browser: $(chromium --version 2>/dev/null)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"

"$BIN" run models/aba-2026.toml --resolution 24h --out "$WORK/run" -q >/dev/null
"$BIN" compare models/cases/2026/*.toml --resolution 24h --out "$WORK/compare" -q >/dev/null
"$BIN" sweep models/sweeps/line-capex.toml --out "$WORK/sweep" -q >/dev/null

browser() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d)" \
    "$@"
}

# The checker page: loads one report in an iframe and writes its verdict into <pre id="out">.
checker() {
  cat > "$2" <<EOF
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>check</title></head><body>
<iframe id="f" src="file://$1" style="width:1200px;height:900px"></iframe>
<pre id="out">no verdict</pre>
<script>
window.addEventListener('load', () => {
  const out = [];
  const doc = document.getElementById('f').contentDocument;
  if (!doc || !doc.body) {
    out.push('FAIL the page could not be read');
  } else {
    for (const i of doc.images) {
      if (!(i.complete && i.naturalWidth > 0)) out.push('FAIL image not loaded: ' + i.getAttribute('src'));
    }
    const svgs = doc.querySelectorAll('svg');
    for (const s of svgs) {
      const b = s.getBBox(), r = s.getBoundingClientRect();
      if (!(b.width > 0 && b.height > 0 && r.width > 0 && r.height > 0)) {
        out.push('FAIL svg not drawn: ' + (s.parentElement.id || '?'));
      }
    }
    for (const e of doc.querySelectorAll('[src], [href]')) {
      const v = e.getAttribute('src') || e.getAttribute('href');
      if (!v.startsWith('#')) out.push('FAIL refers outside the page: ' + v);
    }
    out.push('svgs=' + svgs.length + ' figures=' + doc.querySelectorAll('figure').length
      + ' tables=' + doc.querySelectorAll('table').length + ' images=' + doc.images.length);
  }
  // Each line marked, so the verdict is found in the dumped DOM and not in this script.
  const mark = 'VER' + 'DICT ';
  document.getElementById('out').textContent = out.map(l => mark + l).join('\n');
});
</script></body></html>
EOF
}

# check_page FILE: 0 when the page passes, 1 otherwise; prints what it found.
check_page() {
  local page=$1 probe log verdict console
  probe="$(dirname "$page")/.check-$(basename "$page")"
  log="$probe.log"
  checker "$page" "$probe"
  browser --allow-file-access-from-files --enable-logging=stderr --v=0 \
    --virtual-time-budget=10000 --dump-dom "file://$probe" 2>"$log" >"$probe.dom" || true
  verdict=$(grep -o 'VERDICT [^<]*' "$probe.dom" | sed 's/^VERDICT //' || true)
  console=$(grep ':CONSOLE' "$log" | grep -F "$(basename "$page")" || true)
  echo "$verdict" | sed 's/^/    /'
  [ -n "$console" ] && echo "$console" | sed 's/^/    console: /'
  rm -f "$probe" "$probe.dom" "$log"
  if [ -z "$verdict" ] || grep -q 'FAIL' <<<"$verdict" || [ -n "$console" ]; then
    return 1
  fi
  return 0
}

status=0
echo "proving the check can fail:"
broken="$WORK/run/broken-image.html"
sed '0,/<figure class="chart"/s//<img src="charts\/missing.png" alt="missing"><figure class="chart"/' \
  "$WORK/run/report.html" >"$broken"
if check_page "$broken"; then echo "  NOT CAUGHT: an image link to a missing file"; status=1
else echo "  caught: an image link to a missing file"; fi
broken="$WORK/run/broken-svg.html"
sed '0,/viewBox="0 0 1600 900"/s//viewBox="0 0 broken"/' "$WORK/run/report.html" >"$broken"
if check_page "$broken"; then echo "  NOT CAUGHT: an SVG with a broken viewBox"; status=1
else echo "  caught: an SVG with a broken viewBox"; fi
rm -f "$WORK"/run/broken-*.html

for kind in run compare sweep; do
  page="$WORK/$kind/report.html"
  echo "$kind: $page"
  if check_page "$page"; then echo "  ok"; else echo "  FAILED"; status=1; fi
  pdf="$WORK/$kind-report.pdf"
  browser --no-pdf-header-footer --print-to-pdf="$pdf" "file://$page" 2>/dev/null || true
  if [ -s "$pdf" ]; then
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    pdftoppm -r 60 -png -f 1 -l 4 "$pdf" "$WORK/$kind-page"
    echo "  printed: $pdf ($pages pages; first pages as $WORK/$kind-page-*.png)"
  else
    echo "  FAILED to print to PDF"; status=1
  fi
done
if [ $status -eq 0 ]; then echo "all pages pass"; else echo "some check FAILED"; fi
exit $status
