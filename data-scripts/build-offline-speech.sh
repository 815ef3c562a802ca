#!/usr/bin/env bash
# Builds the offline speech set: 1 s and 3 s clips of recorded speech at 16 kHz from Debian packages
# (asterisk-core-sounds-en-g722, decoded by ffmpeg; pocketsphinx-testdata's LibriVox utterances), split by recording,
# with a manifest (see data-scripts/README.md).
# Usage: data-scripts/build-offline-speech.sh [--out DIR] [--seconds 1,3] [--seed N] [--test-fraction 0.2]
# Idempotent: when OUT/build-settings.txt matches the settings and the recordings, nothing is rewritten.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PACKAGES=(ffmpeg asterisk-core-sounds-en-g722 pocketsphinx-testdata)

install_packages "${PACKAGES[@]}"

extra=()
[ "$(has_option --out "$@")" = true ] || extra=(--out "$REPO/data/offline-speech")

run_data_command offline-speech "${extra[@]}" "$@"
