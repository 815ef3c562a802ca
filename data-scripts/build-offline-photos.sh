#!/usr/bin/env bash
# Builds the offline photo crop set: deterministic SxS crops of the photographs named in the explicit source list
# (inr-lib: dev/ginr/inr/data/offline-photo-sources.tsv), split into train/test by photo group, with a manifest
# (see data-scripts/README.md). Installs the packages that ship the photos when they are missing.
# Usage: data-scripts/build-offline-photos.sh [--out DIR] [--sizes 32,64] [--source DIR]... [--seed N]
# Idempotent: when OUT/build-settings.txt matches the settings and every crop exists, nothing is rewritten.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The packages of the source list (a test keeps this in step with offline-photo-sources.tsv).
PACKAGES=(gcompris-qt-data lomiri-wallpapers-16.04 mate-backgrounds palapeli-data plasma-workspace-wallpapers)

install_photo_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "build-offline-photos: installing ${missing[*]}" >&2
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; then
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

has_source=false
for a in "$@"; do [ "$a" = "--source" ] || [[ "$a" == --source=* ]] && has_source=true; done
$has_source || install_photo_packages

out_given=false
for a in "$@"; do [ "$a" = "--out" ] || [[ "$a" == --out=* ]] && out_given=true; done
extra=()
$out_given || extra=(--out "$REPO/data/offline-photos")

run_data_command offline-photos "${extra[@]}" "$@"
