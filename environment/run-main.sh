#!/usr/bin/env bash
# The README's main command: installs what is missing, builds the project and the small offline photo set, then
# fits 8 real 32x32 photo crops with instance pattern composers and prints the PSNR as it rises.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/environment/install-system-packages.sh"
bash "$root/data-scripts/build-offline-photos.sh"
cd "$root"
mvn -q -B -ntp -pl inr-lib -am install -DskipTests
exec "$root/environment/ginr" fit "$root/data/offline-photos/32/train" --limit 8 --steps 300 --log-every 25 \
    --out "$root/runs/quickstart-fit"
