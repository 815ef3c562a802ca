#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless at its STORED budget (the budgets the notebooks state; no test
# variables), one after the other, into notebooks/out/<name>.ipynb and .html, and prints how long each took.
#   environment/run-notebooks.sh [NOTEBOOK...]   (default: every notebooks/*.ipynb)
# Sets up first when needed (as run-quickstart.sh does). The GINR_*_STEPS / *_IMAGES variables that the tests set
# to run the notebooks tiny are cleared here, so what runs is what the notebooks store.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO/notebooks/out"

if [ -z "${GINR_DATA:-}" ]; then
  bash "$REPO/data-scripts/build-offline-photos.sh" >&2   # quick when the set is already built
fi
if ! jupyter kernelspec list 2>/dev/null | grep '^ *ginr ' >/dev/null \
   || ! ls "$REPO"/kernel-extension/target/kernel-extension-*.jar >/dev/null 2>&1; then
  "$REPO/environment/setup.sh"
fi
for v in $(env | grep -o '^GINR_[A-Z_]*\(STEPS\|IMAGES\|BATCH\)' || true); do unset "$v"; done

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=("$REPO"/notebooks/*.ipynb); fi
mkdir -p "$OUT"
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s)
  if "$REPO/environment/notebook.sh" execute "$nb" "$OUT" >/dev/null 2>"$OUT/$name.log"; then
    echo "[notebooks] $name: ok in $(( $(date +%s) - start )) s -> $OUT/$name.html"
  else
    echo "[notebooks] $name: FAILED after $(( $(date +%s) - start )) s; log: $OUT/$name.log" >&2
    failed=1
  fi
done
exit $failed
