#!/usr/bin/env bash
# Launches Jupyter Notebook on localhost with notebooks/ (token authentication stays on), or executes a notebook
# headless into HTML with the ginr kernel.
#   environment/notebook.sh                        open the notebook server (prints the URL with its token)
#   environment/notebook.sh execute NOTEBOOK [OUT] run NOTEBOOK, write OUT/<name>.ipynb and OUT/<name>.html
#                                                  (OUT defaults to notebooks/out)
# Set up first with environment/setup.sh.
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1  # keeps a debugger notice of Debian's Python 3.11 out of the output

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TIMEOUT="${GINR_CELL_TIMEOUT:-1800}"

jupyter kernelspec list 2>/dev/null | grep '^ *ginr ' >/dev/null \
  || { echo "[notebook] the ginr kernel is not installed: run environment/setup.sh" >&2; exit 1; }

case "${1:-launch}" in
  launch)
    exec jupyter notebook --no-browser --ip=127.0.0.1 --notebook-dir="$REPO/notebooks"
    ;;
  execute)
    nb="${2:?usage: notebook.sh execute NOTEBOOK [OUT_DIR]}"
    out="${3:-$REPO/notebooks/out}"
    [ -f "$nb" ] || { echo "[notebook] no such notebook: $nb" >&2; exit 1; }
    mkdir -p "$out"
    name="$(basename "$nb" .ipynb)"
    # Cells run with the notebook's own folder as working directory, so relative data paths work.
    jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=ginr \
      --ExecutePreprocessor.timeout="$TIMEOUT" --output-dir="$out" --output="$name" "$nb"
    jupyter nbconvert --to html --output-dir="$out" --output="$name" "$out/$name.ipynb"
    echo "[notebook] executed: $out/$name.ipynb"
    echo "[notebook] html: $out/$name.html"
    ;;
  *)
    echo "usage: notebook.sh [launch | execute NOTEBOOK [OUT_DIR]]" >&2; exit 2
    ;;
esac
