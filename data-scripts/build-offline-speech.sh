#!/usr/bin/env bash
# Builds the offline speech set: 1 s and 3 s clips of recorded speech at 16 kHz from Debian packages
# (asterisk-core-sounds-en-g722, decoded by ffmpeg; pocketsphinx-testdata's LibriVox utterances), split by recording,
# with a manifest (see data-scripts/README.md).
# Usage: data-scripts/build-offline-speech.sh [--out DIR] [--seconds 1,3] [--seed N] [--test-fraction 0.2]
# Idempotent: when OUT/build-settings.txt matches the settings and the recordings, nothing is rewritten.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(ffmpeg asterisk-core-sounds-en-g722 pocketsphinx-testdata)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "build-offline-speech: need root (or sudo) to run: $*" >&2; return 1; fi
}

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "build-offline-speech: installing ${missing[*]}" >&2
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; then
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

build_classes() {
    local classes="$REPO/inr-lib/target/classes"
    local cp_file="$REPO/inr-lib/target/offline-data.classpath"
    if [ ! -f "$classes/dev/ginr/inr/cli/DataCommand.class" ] \
        || [ -n "$(find "$REPO/inr-lib/src/main" -newer "$classes/dev/ginr/inr/cli/DataCommand.class" -print -quit)" ]; then
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
extra=()
$out_given || extra=(--out "$REPO/data/offline-speech")

exec java -cp "$CLASSPATH_ARG" dev.ginr.inr.cli.DataCommand offline-speech "${extra[@]}" "$@"
