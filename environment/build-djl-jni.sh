#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) against a local CUDA libtorch whose version the pytorch-jni jar does
# not carry (the jar has 2.7.1 cpu and cu128 only), and puts it where DJL looks first, so that
#   environment/setup.sh --gpu --libtorch LIB
# accepts that libtorch afterwards.
#
# UNTESTED HERE: written on a machine without network, CUDA, cmake or a PyTorch installation; only its syntax and
# its refusals (missing folders) were checked. It follows the steps of DJL's own
# engines/pytorch/pytorch-native/build.sh (javac -h for the JNI headers, then CMake with find_package(Torch)), minus
# its libtorch download. DJL 0.36.0's sources may not compile against a much newer libtorch (e.g. 2.11): then the
# build fails in the C++ compiler, and the way out is a PyTorch 2.7.1+cu128 installation instead.
#
# Usage: environment/build-djl-jni.sh --libtorch LIB --djl-source DIR
#   LIB  the lib folder of the CUDA libtorch (a PyTorch installation's torch/lib; its parent must hold include/ and
#        share/cmake/Torch/, as pip wheels and libtorch archives do)
#   DIR  DJL's source release of the version the build uses (0.36.0), unpacked, or its .tar.gz. It comes from
#        https://github.com/deepjavalibrary/djl/archive/refs/tags/v0.36.0.tar.gz (DJL's GitHub release, Apache-2.0);
#        fetch it on a machine with network and copy it over: nothing here downloads.
# Needs: a JDK (javac), cmake 3.18+, a C++17 compiler (g++), and the CUDA toolkit of the libtorch's flavour (CUDA
# headers for find_package(Torch)). Time: expected several minutes on a few cores (about 15 C++ files against the
# libtorch headers); not measured.
#
# Result: $DJL_CACHE_DIR/pytorch/<VERSION>-<FLAVOR>-linux-x86_64/<DJL>-libdjl_torch.so (DJL_CACHE_DIR defaults to
# ~/.djl.ai; ENGINE_CACHE_DIR, when set, replaces $DJL_CACHE_DIR), the file ai.djl.pytorch.jni.LibUtils loads before
# it looks into the jar.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=environment/gpu-env.sh
. "$REPO/environment/gpu-env.sh"

LIB=""
SRC=""
while [ $# -gt 0 ]; do
  case "$1" in
    --libtorch) LIB="${2:?--libtorch needs a folder}"; shift ;;
    --djl-source) SRC="${2:?--djl-source needs a folder or .tar.gz}"; shift ;;
    *) echo "[djl-jni] ERROR: unknown argument '$1'; usage: build-djl-jni.sh --libtorch LIB --djl-source DIR" >&2
       exit 2 ;;
  esac
  shift
done
[ -n "$LIB" ] && [ -n "$SRC" ] || { echo "[djl-jni] usage: build-djl-jni.sh --libtorch LIB --djl-source DIR" >&2; exit 2; }

lib="$(gpu_find_lib "$LIB")"
read -r version flavor <<< "$(gpu_read_version "$lib")"
torch_root="$(dirname "$lib")"
[ -d "$torch_root/include/torch" ] && [ -d "$torch_root/share/cmake/Torch" ] \
  || { echo "[djl-jni] ERROR: $torch_root has no include/torch and share/cmake/Torch: the headers and CMake files of libtorch are needed to build against it" >&2; exit 1; }
djl="$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$REPO/pom.xml" | head -1)"
for tool in javac cmake g++; do
  command -v "$tool" >/dev/null || { echo "[djl-jni] ERROR: $tool not found (needed: a JDK, cmake 3.18+, g++)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -f "$SRC" ]; then
  tar -xzf "$SRC" -C "$work"
  SRC="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)"
fi
native="$SRC/engines/pytorch/pytorch-native"
[ -f "$native/CMakeLists.txt" ] \
  || { echo "[djl-jni] ERROR: $SRC is not DJL's source tree (no engines/pytorch/pytorch-native/CMakeLists.txt)" >&2; exit 1; }

echo "[djl-jni] building DJL $djl's JNI against libtorch $version+$flavor ($torch_root)"
start=$(date +%s)
build="$native/build"
rm -rf "$build" && mkdir -p "$build/classes"
# the JNI headers, as DJL's build.sh makes them
(cd "$build" && javac -sourcepath ../../pytorch-engine/src/main/java/ \
  ../../pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java -h include -d classes)
(cd "$build" && cmake -DCMAKE_PREFIX_PATH="$torch_root" -DCMAKE_BUILD_TYPE=Release .. \
  && cmake --build . --config Release -- -j "$(nproc)")

dest="$(gpu_djl_cache)/$version-$flavor-linux-x86_64"
mkdir -p "$dest"
cp "$build/libdjl_torch.so" "$dest/$djl-libdjl_torch.so"
echo "[djl-jni] built in $(( $(date +%s) - start )) s: $dest/$djl-libdjl_torch.so"
echo "[djl-jni] next: environment/setup.sh --gpu --libtorch $lib"
