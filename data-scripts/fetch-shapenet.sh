#!/usr/bin/env bash
# Fetches the Learned Init ShapeNet renders of one category (downloaded by hand, see data-scripts/README.md):
# data-scripts/fetch-shapenet.sh chairs|cars|lamps --from DIR --accept-unpinned [--root DIR] [--dry-run]
set -euo pipefail
case "${1:-}" in
    chairs|cars|lamps) category="$1"; shift ;;
    *) echo "usage: $(basename "$0") chairs|cars|lamps --from DIR --accept-unpinned [--root DIR] [--dry-run]" >&2; exit 2 ;;
esac
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch-dataset.sh" "shapenet-$category" "$@"
