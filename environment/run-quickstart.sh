#!/usr/bin/env bash
# The main job: set up if needed, execute notebooks/01-quickstart.ipynb headless on the small offline photo set,
# print where the HTML went and the final PSNR (the generalizable model's mean held-out PSNR at 32x32).
#   GINR_DATA   photo folder (default: <repo>/data/offline-photos/32)
#   GINR_QUICKSTART_STEPS        training steps of the generalizable model (default: the notebook's, 1800)
#   GINR_QUICKSTART_TEST_IMAGES  held-out images scored (default: the notebook's, 256)
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1  # keeps a debugger notice of Debian's Python 3.11 out of the output

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${GINR_DATA:-}" ]; then
  bash "$REPO/data-scripts/build-offline-photos.sh" >&2   # quick when the set is already built
fi
export GINR_DATA="$(readlink -f "${GINR_DATA:-$REPO/data/offline-photos/32}")"
OUT="$REPO/notebooks/out"

[ -d "$GINR_DATA" ] || { echo "[quickstart] no photo folder at $GINR_DATA: build the offline photo set first, or set GINR_DATA" >&2; exit 1; }

if ! jupyter kernelspec list 2>/dev/null | grep '^ *ginr ' >/dev/null \
   || ! ls "$REPO"/kernel-extension/target/kernel-extension-*.jar >/dev/null 2>&1; then
  "$REPO/environment/setup.sh"
fi

"$REPO/environment/notebook.sh" execute "$REPO/notebooks/01-quickstart.ipynb" "$OUT" >/dev/null 2>"$OUT.log" \
  || { cat "$OUT.log" >&2; echo "[quickstart] the notebook failed; the log above shows the failing cell" >&2; exit 1; }
psnr="$(grep -o 'Final PSNR: [0-9][^"\\]*' "$OUT/01-quickstart.ipynb" | tail -1)"
echo "HTML: $OUT/01-quickstart.html"
echo "${psnr:-Final PSNR: not found in the executed notebook}"
