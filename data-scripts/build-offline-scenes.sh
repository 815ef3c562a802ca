#!/usr/bin/env bash
# Builds the offline multi-view set: Debian's sweethome3d-furniture models (chairs, lamps, cars; CC0 / CC-BY)
# rendered headless by Debian's Blender (Cycles on the CPU) in the layout and pose convention of the Learned Init
# authors' ShapeNet renders (see data-scripts/README.md).
# Usage: data-scripts/build-offline-scenes.sh [--out DIR] [--size 64] [--samples 16] [--per-category N] [--seed N]
#                                             [--processes 2] [--train-views 25] [--query-views 5]
# Idempotent: when OUT/build-settings.txt matches the settings and every object is present, nothing is rendered.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PACKAGES=(blender sweethome3d-furniture)

install_packages "${PACKAGES[@]}"
build_classes

extra=(--script "$REPO/data-scripts/scenes/render_object.py")
[ "$(has_option --out "$@")" = true ] || extra+=(--out "$REPO/data/offline-scenes")

exec java -Djava.awt.headless=true -cp "$CLASSPATH_ARG" dev.ginr.inr.data.prepare.OfflineScenesCommand \
    "${extra[@]}" "$@"
