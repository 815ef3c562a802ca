#!/usr/bin/env bash
# Installs what ginr-java's notebooks need, once; running it again is harmless.
#   1. Jupyter from the distribution's packages (Debian/Ubuntu: apt-get, with sudo when not root), only if missing
#   2. builds inr-lib and kernel-extension (Maven)
#   3. installs the kernelspec "ginr" ("Java (GINR)") into the user's Jupyter data directory
# Usage: environment/setup.sh            (GINR_SKIP_BUILD=1 skips step 2 when the jars are already built)
#        environment/setup.sh --gpu [--libtorch DIR]
#            first finds a CUDA libtorch (DIR: its lib folder, a libtorch root or a torch package folder; without
#            DIR, the torch package python3 imports), checks its version and CUDA flavour against DJL's JNI and
#            writes environment/gpu.env (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR); environment/ginr
#            sources it and the kernelspec gets it, both with a class path without the pytorch-native-cpu jar.
#            A libtorch that does not fit stops here with one line and nothing written (gpu-env.sh says why).
#        environment/setup.sh --cpu     removes environment/gpu.env: back to the bundled CPU engine
# GINR_GPU_ENV=FILE writes/reads the env file elsewhere; GINR_SETUP_ONLY=gpu-env stops after writing it (tests).
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1  # keeps a debugger notice of Debian's Python 3.11 out of the output

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-jupyter-client python3-nbformat
          python3-jupyter-kernel-test)
KERNEL_NAME=ginr
GPU_ENV="${GINR_GPU_ENV:-$REPO/environment/gpu.env}"
# shellcheck source=environment/gpu-env.sh
. "$REPO/environment/gpu-env.sh"

MODE=cpu-unchanged
LIBTORCH=""
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) MODE=gpu ;;
    --cpu) MODE=cpu ;;
    --libtorch) [ $# -ge 2 ] || { echo "[setup] ERROR: --libtorch needs a folder" >&2; exit 2; }
                LIBTORCH="$2"; shift ;;
    *) echo "[setup] ERROR: unknown argument '$1'; allowed: --gpu [--libtorch DIR], --cpu" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$LIBTORCH" ] && [ "$MODE" != gpu ]; then
  echo "[setup] ERROR: --libtorch $LIBTORCH needs --gpu" >&2; exit 2
fi

say() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

install_jupyter() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Jupyter packages present: ${PACKAGES[*]}"
    return
  fi
  command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get: install Jupyter (notebook, nbconvert, nbclient, jupyter-client) with your package manager"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "missing ${missing[*]}; run as root or install sudo"
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
}

check_java() {
  command -v java >/dev/null || fail "java not found: install a JDK 17 or newer (Debian: openjdk-17-jdk)"
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || fail "Java 17 or newer needed, found $v"
  command -v mvn >/dev/null || fail "mvn not found: install Maven 3.8+ (Debian: maven)"
}

build() {
  if [ "${GINR_SKIP_BUILD:-0}" = 1 ] && ls "$REPO"/kernel-extension/target/kernel-extension-*.jar >/dev/null 2>&1; then
    say "GINR_SKIP_BUILD=1: using the jars already built"
    return
  fi
  say "building inr-lib and kernel-extension"
  (cd "$REPO" && { mvn -q -B -o -pl kernel-extension -am install -DskipTests >/dev/null 2>&1 \
                   || mvn -q -B -pl kernel-extension -am install -DskipTests; }) \
    || fail "the Maven build failed; run: cd $REPO && mvn -B -pl kernel-extension -am install -DskipTests"
}

install_kernelspec() {
  local own third java data
  own="$(ls "$REPO"/inr-lib/target/inr-lib-*.jar | grep -v -e sources -e javadoc | head -1):$(ls "$REPO"/kernel-extension/target/kernel-extension-*.jar | grep -v -e sources -e javadoc | head -1)"
  third="$(cat "$REPO/kernel-extension/target/kernel.classpath")"
  java="$(readlink -f "$(command -v java)")"
  data="$(jupyter --data-dir)"
  local env_args=()
  if [ -f "$GPU_ENV" ]; then
    # the GPU engine comes from PYTORCH_LIBRARY_PATH: the CPU natives stay off the kernel's class path
    third="$(tr ':' '\n' <<< "$third" | grep -v '/pytorch-native-cpu-[^/]*\.jar$' | paste -sd:)"
    env_args=(--env "$GPU_ENV")
    say "kernelspec with the GPU engine of $GPU_ENV"
  fi
  java -cp "$own:$third" dev.ginr.notebook.kernel.KernelspecWriter "${env_args[@]}" "$data/kernels/$KERNEL_NAME" \
    "$java" "$own" "$third" | sed 's/^/[setup] /'
  jupyter kernelspec list | grep "^ *$KERNEL_NAME " >/dev/null || fail "jupyter kernelspec list does not show $KERNEL_NAME"
  say "kernel '$KERNEL_NAME' (Java (GINR)) installed: $data/kernels/$KERNEL_NAME"
}

case "$MODE" in
  gpu)
    gpu_configure "$REPO" "$LIBTORCH" "$GPU_ENV" || exit 1
    [ "${GINR_SETUP_ONLY:-}" = gpu-env ] && exit 0 ;;
  cpu)
    rm -f "$GPU_ENV"
    say "GPU engine settings removed ($GPU_ENV): the bundled CPU engine is used" ;;
esac
install_jupyter
check_java
build
install_kernelspec
