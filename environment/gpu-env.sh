# Sourced by environment/setup.sh (--gpu) and environment/gpu-check.sh: finds a CUDA libtorch, checks it against
# DJL's JNI, and writes the settings DJL reads (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR; see
# https://docs.djl.ai/docs/serving/serving/docs/configurations.html) into one small env file that environment/ginr
# sources and setup.sh passes into the kernelspec. Nothing is downloaded.
#
# How DJL 0.36 uses them (ai.djl.pytorch.jni.LibUtils, read from its bytecode): PYTORCH_LIBRARY_PATH is a folder
# holding libtorch.so; the JNI (libdjl_torch.so) is the first that exists of <that folder>/0.36.0-libdjl_torch.so,
# <that folder>/libdjl_torch.so and <DJL cache>/pytorch/<VERSION>-<FLAVOR>-linux-x86_64/0.36.0-libdjl_torch.so, else
# it comes from the pytorch-jni jar's jnilib/linux-x86_64/<FLAVOR>/ when the jar's jni_version starts with
# <VERSION>-0.36.0, else DJL tries to download it (which fails offline). So a libtorch is usable when a JNI built for
# it is in one of those places (environment/build-djl-jni.sh puts it in the cache), or when its version equals the
# jar's (2.7.1) and its flavour is in the jar (cpu, cu128).

# One line on standard error, then a non-zero status; nothing is written.
gpu_fail() { printf '[setup] ERROR: %s\n' "$*" >&2; return 1; }

# The folder that holds libtorch.so, from a given folder: the lib folder itself, a libtorch root (lib/), or a torch
# package folder (lib/). Without a folder: the torch package of python3, if it imports.
gpu_find_lib() {
  local given="$1" torch_dir
  if [ -n "$given" ]; then
    [ -d "$given" ] || { gpu_fail "--libtorch $given: no such folder (give the lib folder of a CUDA libtorch, or a PyTorch installation's torch/ or torch/lib folder)"; return 1; }
    for d in "$given" "$given/lib"; do
      if [ -f "$d/libtorch.so" ]; then (cd "$d" && pwd); return 0; fi
    done
    gpu_fail "--libtorch $given: no libtorch.so in it or in its lib/ (give the lib folder of a CUDA libtorch, or a PyTorch installation's torch/lib)"
    return 1
  fi
  command -v python3 >/dev/null \
    || { gpu_fail "no --libtorch DIR given and no python3 to find a PyTorch installation; run: environment/setup.sh --gpu --libtorch DIR"; return 1; }
  torch_dir="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null)" \
    || { gpu_fail "no --libtorch DIR given and python3 has no PyTorch ('import torch' failed); run: environment/setup.sh --gpu --libtorch DIR (the lib folder of a CUDA libtorch)"; return 1; }
  [ -f "$torch_dir/lib/libtorch.so" ] \
    || { gpu_fail "python3's PyTorch at $torch_dir has no lib/libtorch.so; run: environment/setup.sh --gpu --libtorch DIR"; return 1; }
  (cd "$torch_dir/lib" && pwd)
}

# "VERSION FLAVOR" of the libtorch whose lib folder is $1: from a PyTorch package's version.py (__version__ and
# cuda) or a libtorch archive's build-version file ("2.7.1+cu128").
gpu_read_version() {
  local lib="$1" root full cuda flavor
  root="$(dirname "$lib")"
  if [ -f "$root/version.py" ]; then
    full="$(sed -n "s/^__version__[^=]*= *['\"]\([^'\"]*\)['\"].*/\1/p" "$root/version.py" | head -1)"
    cuda="$(sed -n "s/^cuda[^=]*= *['\"]\([^'\"]*\)['\"].*/\1/p" "$root/version.py" | head -1)"
  elif [ -f "$root/build-version" ]; then
    full="$(head -1 "$root/build-version" | tr -d '[:space:]')"
  fi
  [ -n "$full" ] || { gpu_fail "cannot read the libtorch version: neither $root/version.py nor $root/build-version names one"; return 1; }
  case "$full" in
    *+*) flavor="${full#*+}" ;;
    *) if [ -n "$cuda" ]; then flavor="cu$(printf '%s' "$cuda" | tr -d .)"; else flavor=cpu; fi ;;
  esac
  printf '%s %s\n' "${full%%+*}" "$flavor"
}

# The pytorch-jni jar: GINR_JNI_JAR (the gpu-check bundle's), else the build's (inr-lib's runtime class path, else
# the local Maven repository).
gpu_jni_jar() {
  local repo="$1" jar="${GINR_JNI_JAR:-}"
  if [ -z "$jar" ] && [ -f "$repo/inr-lib/target/runtime.classpath" ]; then
    jar="$(tr ':' '\n' < "$repo/inr-lib/target/runtime.classpath" | grep '/pytorch-jni-[^/]*\.jar$' | head -1)"
  fi
  if [ -z "$jar" ]; then
    local pv dv
    pv="$(sed -n 's:.*<pytorch.version>\(.*\)</pytorch.version>.*:\1:p' "$repo/pom.xml" | head -1)"
    dv="$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$repo/pom.xml" | head -1)"
    jar="$HOME/.m2/repository/ai/djl/pytorch/pytorch-jni/$pv-$dv/pytorch-jni-$pv-$dv.jar"
  fi
  [ -f "$jar" ] || { gpu_fail "the pytorch-jni jar is not there ($jar); build first: mvn -pl inr-lib -am install -DskipTests"; return 1; }
  printf '%s\n' "$jar"
}

# Lists a jar's entries (unzip where present, else the JDK's jar tool).
gpu_jar_entries() {
  if command -v unzip >/dev/null; then unzip -Z1 "$1"; else jar tf "$1"; fi
}

# The jar's jni_version, e.g. 2.7.1-0.36.0.
gpu_jni_version() {
  local tmp v
  if command -v unzip >/dev/null; then
    unzip -p "$1" jnilib/pytorch.properties | sed -n 's/^jni_version=//p'
  else
    tmp="$(mktemp -d)"; (cd "$tmp" && jar xf "$1" jnilib/pytorch.properties)
    v="$(sed -n 's/^jni_version=//p' "$tmp/jnilib/pytorch.properties")"; rm -rf "$tmp"; printf '%s\n' "$v"
  fi
}

# The DJL engine cache folder DJL extracts or finds the JNI in (ENGINE_CACHE_DIR, else DJL_CACHE_DIR, else ~/.djl.ai).
gpu_djl_cache() {
  if [ -n "${ENGINE_CACHE_DIR:-}" ]; then printf '%s/pytorch\n' "$ENGINE_CACHE_DIR"
  else printf '%s/pytorch\n' "${DJL_CACHE_DIR:-$HOME/.djl.ai}"; fi
}

# Checks the libtorch and writes the env file. Arguments: REPO LIBTORCH_OR_EMPTY ENV_FILE.
gpu_configure() {
  local repo="$1" given="$2" env_file="$3" lib vf version flavor jar jni jni_torch djl flavors cached
  lib="$(gpu_find_lib "$given")" || return 1
  vf="$(gpu_read_version "$lib")" || return 1
  version="${vf% *}"; flavor="${vf#* }"
  case "$flavor" in
    cu[0-9]*) ;;
    *) gpu_fail "the libtorch in $lib is the $flavor build ($version+$flavor), not a CUDA one; give a CUDA libtorch (e.g. the torch/lib folder of a PyTorch $version+cu128 installation)"; return 1 ;;
  esac
  ls "$lib"/libtorch_cuda*.so >/dev/null 2>&1 \
    || { gpu_fail "the libtorch in $lib says $version+$flavor but has no libtorch_cuda*.so; give a complete CUDA libtorch"; return 1; }
  jar="$(gpu_jni_jar "$repo")" || return 1
  jni="$(gpu_jni_version "$jar")"
  jni_torch="${jni%-*}"; djl="${jni##*-}"
  flavors="$(gpu_jar_entries "$jar" | sed -n 's:^jnilib/linux-x86_64/\([^/]*\)/libdjl_torch.so$:\1:p' | sort | paste -sd' ')"
  cached="$(gpu_djl_cache)/$version-$flavor-linux-x86_64/$djl-libdjl_torch.so"
  local built=""
  for f in "$lib/$djl-libdjl_torch.so" "$lib/libdjl_torch.so" "$cached"; do
    if [ -f "$f" ]; then built="$f"; break; fi
  done
  if [ -n "$built" ]; then
    printf '[setup] libtorch %s+%s in %s; DJL JNI built for it: %s\n' "$version" "$flavor" "$lib" "$built"
  elif [ "$version" = "$jni_torch" ] && [[ " $flavors " == *" $flavor "* ]]; then
    printf '[setup] libtorch %s+%s in %s matches the JNI in %s (%s; flavours %s)\n' "$version" "$flavor" "$lib" \
      "$(basename "$jar")" "$jni" "$flavors"
  else
    gpu_fail "the libtorch in $lib is $version+$flavor but DJL's JNI ($(basename "$jar")) is built for $jni_torch with flavours $flavors, and no JNI built for $version+$flavor is in $(dirname "$cached"); build one from DJL's $djl source release: environment/build-djl-jni.sh --libtorch $lib --djl-source DIR (see its header for where the source comes from), then run this again"
    return 1
  fi
  case "$lib" in *"'"*) gpu_fail "the libtorch path $lib contains a single quote; move it"; return 1 ;; esac
  mkdir -p "$(dirname "$env_file")"
  {
    printf '# Written by environment/setup.sh --gpu on %s; environment/ginr and the ginr kernelspec use it.\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '# Remove it (or run environment/setup.sh --cpu) to go back to the bundled CPU engine.\n'
    printf "PYTORCH_LIBRARY_PATH='%s'\n" "$lib"
    printf "PYTORCH_VERSION='%s'\n" "$version"
    printf "PYTORCH_FLAVOR='%s'\n" "$flavor"
  } > "$env_file.tmp"
  mv "$env_file.tmp" "$env_file"
  printf '[setup] GPU engine configured: %s\n' "$env_file"
}
