#!/usr/bin/env bash
# Builds the offline multi-view set: Debian's sweethome3d-furniture models (chairs, lamps, cars; CC0 / CC-BY)
# rendered headless by Debian's Blender (Cycles on the CPU) in the layout and pose convention of the Learned Init
# authors' ShapeNet renders (see data-scripts/README.md).
# Usage: data-scripts/build-offline-scenes.sh [--out DIR] [--size 64] [--samples 16] [--per-category N] [--seed N]
#                                             [--processes 2] [--train-views 25] [--query-views 5]
# Idempotent: when OUT/build-settings.txt matches the settings and every object is present, nothing is rendered.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(blender sweethome3d-furniture)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "build-offline-scenes: need root (or sudo) to run: $*" >&2; return 1; fi
}

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "build-offline-scenes: installing ${missing[*]}" >&2
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; then
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

build_classes() {
    local classes="$REPO/inr-lib/target/classes"
    local marker="$classes/dev/ginr/inr/data/prepare/OfflineScenesCommand.class"
    local cp_file="$REPO/inr-lib/target/offline-scenes.classpath"
    if [ ! -f "$marker" ] || [ -n "$(find "$REPO/inr-lib/src/main" -newer "$marker" -print -quit)" ]; then
        (cd "$REPO" && mvn -q -B -pl inr-lib -am package -DskipTests) >&2
    fi
    if [ ! -s "$cp_file" ] || [ "$REPO/inr-lib/pom.xml" -nt "$cp_file" ] || [ "$REPO/pom.xml" -nt "$cp_file" ]; then
        (cd "$REPO" && mvn -q -B -pl inr-lib dependency:build-classpath -Dmdep.outputFile="$cp_file") >&2
    fi
    CLASSPATH_ARG="$classes:$(cat "$cp_file")"
}

install_packages
build_classes

out_given=false
for a in "$@"; do [ "$a" = "--out" ] || [[ "$a" == --out=* ]] && out_given=true; done
extra=(--script "$REPO/data-scripts/scenes/render_object.py")
$out_given || extra+=(--out "$REPO/data/offline-scenes")

exec java -Djava.awt.headless=true -cp "$CLASSPATH_ARG" dev.ginr.inr.data.prepare.OfflineScenesCommand \
    "${extra[@]}" "$@"
