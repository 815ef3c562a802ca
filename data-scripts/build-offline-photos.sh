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

[ "$(has_option --source "$@")" = true ] || install_packages "${PACKAGES[@]}"

extra=()
[ "$(has_option --out "$@")" = true ] || extra=(--out "$REPO/data/offline-photos")

run_data_command offline-photos "${extra[@]}" "$@"
