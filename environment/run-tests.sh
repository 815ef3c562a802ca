#!/usr/bin/env bash
# The README's test command: installs what the tests need (Jupyter, the packages that ship the offline set's
# photographs, ffmpeg and the recorded-speech packages, from the distribution), builds the project and installs the
# "ginr" kernelspec, builds the small offline photo and speech sets, then runs every test of every module. Safe to
# run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/environment/setup.sh"
bash "$root/data-scripts/build-offline-photos.sh"
bash "$root/data-scripts/build-offline-speech.sh"
cd "$root"
exec mvn -B -ntp verify
