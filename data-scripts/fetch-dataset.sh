#!/usr/bin/env bash
# Downloads (resumably), verifies, safely unpacks and prepares one of the paper's datasets into DATA/NAME
# (atomically: the folder appears complete or not at all). A thin wrapper of `ginr data fetch`; see
# data-scripts/README.md. The real downloads have not been exercised from our machines (no network to those hosts).
# Usage: data-scripts/fetch-dataset.sh NAME [--root DIR] [--dry-run] [--mirror URL] [--from DIR] [--accept-unpinned]
#   NAME: celeba | ffhq | imagenette | librispeech | shapenet-chairs | shapenet-cars | shapenet-lamps
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -lt 1 ] || [[ "$1" == -* && "$1" != "-h" && "$1" != "--help" ]]; then
    echo "usage: $(basename "$0") NAME [--root DIR] [--dry-run] [--mirror URL] [--from DIR] [--accept-unpinned]" >&2
    echo "  NAME: celeba, ffhq, imagenette, librispeech, shapenet-chairs, shapenet-cars or shapenet-lamps" >&2
    exit 2
fi
root_given=false
for a in "$@"; do [ "$a" = "--root" ] || [[ "$a" == --root=* ]] && root_given=true; done
extra=()
$root_given || extra=(--root "$REPO/data")
run_data_command fetch "$@" "${extra[@]}"
