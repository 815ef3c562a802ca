#!/usr/bin/env bash
# Installs the Debian packages ginr-java needs when they are missing: Jupyter (notebook, nbconvert, nbclient,
# jupyter-client) for the notebooks and their tests, and the wallpaper packages whose real photographs the small
# offline photo set is cut from. Uses sudo when not root. Does nothing when everything is present.
set -euo pipefail
packages=(jupyter-notebook jupyter-nbconvert python3-nbclient python3-jupyter-client python3-ipykernel
          plasma-workspace-wallpapers mate-backgrounds)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
