#!/usr/bin/env bash
# Builds the offline photo crop set: deterministic SxS crops of the photos that Debian wallpaper packages install,
# split into train/test by source photo, with a manifest (see data-scripts/README.md).
# Usage: data-scripts/build-offline-photos.sh [--out DIR] [--sizes 32,64] [--source DIR]... [--seed N]
# Idempotent: when OUT/build-settings.txt matches the settings and every crop exists, nothing is rewritten.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(plasma-workspace-wallpapers mate-backgrounds)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "build-offline-photos: need root (or sudo) to run: $*" >&2; return 1; fi
}

install_wallpapers() {
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

build_classes() {
    local classes="$REPO/inr-lib/target/classes"
    local cp_file="$REPO/inr-lib/target/offline-photos.classpath"
    if [ ! -f "$classes/dev/ginr/inr/cli/DataCommand.class" ] \
        || [ -n "$(find "$REPO/inr-lib/src/main" -newer "$classes/dev/ginr/inr/cli/DataCommand.class" -print -quit)" ]; then
        (cd "$REPO" && mvn -q -B -pl inr-lib -am package -DskipTests) >&2
    fi
    if [ ! -s "$cp_file" ] || [ "$REPO/inr-lib/pom.xml" -nt "$cp_file" ] || [ "$REPO/pom.xml" -nt "$cp_file" ]; then
        (cd "$REPO" && mvn -q -B -pl inr-lib dependency:build-classpath -Dmdep.outputFile="$cp_file") >&2
    fi
    CLASSPATH_ARG="$classes:$(cat "$cp_file")"
}

has_source=false
for a in "$@"; do [ "$a" = "--source" ] || [[ "$a" == --source=* ]] && has_source=true; done
$has_source || install_wallpapers
build_classes

out_given=false
for a in "$@"; do [ "$a" = "--out" ] || [[ "$a" == --out=* ]] && out_given=true; done
extra=()
$out_given || extra=(--out "$REPO/data/offline-photos")

exec java -cp "$CLASSPATH_ARG" dev.ginr.inr.cli.DataCommand offline-photos "${extra[@]}" "$@"
