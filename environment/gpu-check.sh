#!/usr/bin/env bash
# The GPU check of issue 16, in two halves, because the GPU machine has no Maven and no network.
#
# On a CPU machine with the project built (Maven):
#   environment/gpu-check.sh --bundle OUT [--plan]
#     makes OUT/ginr-gpu-bundle.tar.gz: a JRE made with jlink (only the modules jdeps finds the classes need) and
#     the jars of inr-lib's runtime class path without pytorch-native-cpu (the GPU machine's libtorch replaces it);
#     fastutil and icu4j, of which a small part is used, are cut down to the classes jdeps finds reachable from
#     inr-lib. It runs a short CPU-only gpu-check with the bundled JRE and jars, and refuses a bundle of 64 MiB or
#     more. --plan only prints which jars go in (copied, cut down, left out) with their sizes.
#
# On the GPU machine, from a copy of the working tree with OUT in it:
#   environment/gpu-check.sh [--bundle-dir OUT] [--libtorch DIR] [--out DIR] [--no-paper-cpu]
#     unpacks the bundle into a temporary folder, configures the CUDA libtorch (DIR, else python3's torch; see
#     environment/gpu-env.sh) and runs, each stage under its own time limit, 9 minutes in all:
#       1. ginr gpu-check: every model 3 steps on the GPU and on the CPU from the same parameters and batch,
#          losses and gradients compared, 20 steps timed on each (32x32 small presets, batch 16);
#       2. ginr bench --preset paper --device gpu: GPU steps/s and the fraction of its matmul peak at 178x178;
#       3. ginr gpu-check --paper: the same comparison at the paper presets (1 step compared, 2 timed), so that the
#          paper-preset steps/s of the GPU stand beside the CPU's (skipped with --no-paper-cpu or when time is short).
#     Tables go to the terminal and to DIR (default gpu-check-out/). Exit status 0 only when stages 1 and 2 pass.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=environment/gpu-env.sh
. "$REPO/environment/gpu-env.sh"
BUNDLE_NAME=ginr-gpu-bundle.tar.gz
LIMIT_BYTES=$((64 * 1024 * 1024))
REDUCED_JARS='fastutil|icu4j'   # large jars of which inr-lib reaches a small part

say() { printf '[gpu-check] %s\n' "$*"; }
fail() { printf '[gpu-check] ERROR: %s\n' "$*" >&2; exit 1; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# ---------------------------------------------------------------------------------------------------- the bundle
# The jars of the bundle, one "ACTION SIZE PATH" line each (ACTION: copy, reduce, leave-out).
bundle_plan() {
  local cp_file="$REPO/inr-lib/target/runtime.classpath" own
  own="$(ls "$REPO"/inr-lib/target/inr-lib-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)"
  [ -n "$own" ] && [ -f "$cp_file" ] || fail "inr-lib is not built; run: mvn -pl inr-lib -am install -DskipTests && environment/ginr --version"
  { echo "$own"; tr ':' '\n' < "$cp_file"; echo; } | while read -r jar; do
    [ -n "$jar" ] || continue
    local action=copy
    case "$(basename "$jar")" in
      pytorch-native-cpu-*) action=leave-out ;;
      *) if [[ "$(basename "$jar")" =~ ^($REDUCED_JARS)- ]]; then action=reduce; fi ;;
    esac
    printf '%s %s %s\n' "$action" "$(stat -c %s "$jar")" "$jar"
  done
}

print_plan() {
  local plan="$1" copied reduced left
  awk '{ printf "[gpu-check]   %-9s %8.1f MiB  %s\n", $1, $2 / 1048576, $3 }' <<< "$plan"
  copied="$(awk '$1 == "copy" { s += $2 } END { print s + 0 }' <<< "$plan")"
  reduced="$(awk '$1 == "reduce" { s += $2 } END { print s + 0 }' <<< "$plan")"
  left="$(awk '$1 == "leave-out" { s += $2 } END { print s + 0 }' <<< "$plan")"
  say "jars copied: $(mib "$copied"); cut down to their used classes: $(mib "$reduced") before; left out: $(mib "$left")"
}

# Writes a jar holding only the classes in the list file, and META-INF, of the original: its other resources go too
# (icu4j's data: the part tablesaw uses, charset detection, reads none).
reduce_jar() {
  local jar="$1" keep="$2" out="$3" dir
  dir="$(mktemp -d)"
  (cd "$dir" && jar xf "$jar")
  (cd "$dir" && find . -type f ! -path './META-INF/*' | sed 's:^\./::' | sort) > "$dir.all"
  sed 's/\./\//g; s/$/.class/' "$keep" | sort -u > "$dir.keep"
  comm -23 "$dir.all" "$dir.keep" | (cd "$dir" && xargs -r -d '\n' rm -f)
  find "$dir" -type d -empty -delete
  jar cfM "$out" -C "$dir" .
  rm -rf "$dir" "$dir.all" "$dir.keep"
}

make_bundle() {
  local out="$1" plan_only="$2" plan stage deps modules start cp
  start=$(date +%s)
  if [ "${GINR_SKIP_BUILD:-0}" != 1 ] && [ "$plan_only" != 1 ]; then
    say "building inr-lib"
    (cd "$REPO" && { mvn -q -B -o -pl inr-lib -am install -DskipTests 2>/dev/null \
                     || mvn -q -B -pl inr-lib -am install -DskipTests; }) || fail "the Maven build failed"
  fi
  bash "$REPO/environment/ginr" --version >/dev/null  # writes inr-lib/target/runtime.classpath when missing
  plan="$(bundle_plan)"
  say "jars for the bundle (inr-lib and its runtime class path):"
  print_plan "$plan"
  [ "$plan_only" = 1 ] && return 0
  for tool in jdeps jlink jar; do command -v "$tool" >/dev/null || fail "$tool not found: a full JDK 17+ is needed"; done

  mkdir -p "$out"
  stage="$(mktemp -d "$out/.stage-XXXXXX")"
  trap "rm -rf '$stage'" EXIT
  mkdir -p "$stage/lib"
  cp="$(awk '$1 != "leave-out" && NR > 1 { print $3 }' <<< "$plan" | paste -sd:)"
  say "jdeps: the classes and modules inr-lib reaches ..."
  deps="$stage/jdeps.txt"
  jdeps -verbose:class -R --ignore-missing-deps --multi-release 17 --class-path "$cp" \
    "$(awk 'NR == 1 { print $3 }' <<< "$plan")" > "$deps"
  # the fourth column names a module, or a jar, or "JDK internal API (MODULE)", or "not found"
  modules="$(awk '/^   / && /JDK internal API \(/ { m = $0; sub(/.*JDK internal API \(/, "", m); sub(/\).*/, "", m); print m; next }
                  /^   / && $4 !~ /\.jar$/ && $4 != "not" { print $4 }' "$deps" | sort -u | paste -sd,)"
  [ -n "$modules" ] || fail "jdeps found no module dependencies; see $deps"
  say "jlink: a JRE with $modules"
  jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$stage/jre"
  if command -v strip >/dev/null; then strip --strip-unneeded "$stage/jre/lib/server/libjvm.so"; fi
  while read -r action size jar; do
    local name; name="$(basename "$jar")"
    case "$action" in
      copy) cp "$jar" "$stage/lib/$name" ;;
      reduce)
        awk -v J="$name" '/^[^ ]/ { cur = $1 } /^   / && cur == J { sub(/^[0-9]+\//, "", $1); print $1 }' "$deps" \
          | sort -u > "$stage/keep.txt"
        reduce_jar "$jar" "$stage/keep.txt" "$stage/lib/$name"
        say "  $name: $(wc -l < "$stage/keep.txt") classes kept, $(mib "$size") -> $(mib "$(stat -c %s "$stage/lib/$name")")" ;;
    esac
  done <<< "$plan"
  rm -f "$deps" "$stage/keep.txt"
  { echo "ginr-java GPU bundle, made $(date -u +%Y-%m-%dT%H:%M:%SZ) by environment/gpu-check.sh --bundle"
    echo "jre: $("$stage/jre/bin/java" -version 2>&1 | head -1); modules $modules"
    (cd "$stage/lib" && ls -1); } > "$stage/BUNDLE.txt"

  say "smoke run with the bundled JRE and jars (CPU only) ..."
  OMP_WAIT_POLICY=PASSIVE "$stage/jre/bin/java" -Xmx2g -Dai.djl.offline=true -cp "$stage/lib/*:$(tr ':' '\n' \
      < "$REPO/inr-lib/target/runtime.classpath" | grep '/pytorch-native-cpu-[^/]*\.jar$')" dev.ginr.inr.cli.Ginr \
      gpu-check --device-a cpu --device-b cpu --models low_rank_modulated_transinr,learned_init --steps 1 \
      --timed-steps 0 --batch 2 > "$stage/smoke.txt" 2>&1 \
    || { cat "$stage/smoke.txt" >&2; fail "the bundled JRE and jars do not run ginr gpu-check (output above)"; }
  grep -q 'agrees with' "$stage/smoke.txt" || { cat "$stage/smoke.txt" >&2; fail "the smoke run did not agree"; }
  rm -f "$stage/smoke.txt"

  say "packing (gzip) ..."
  tar -czf "$out/$BUNDLE_NAME.tmp" -C "$stage" .
  local bytes; bytes="$(stat -c %s "$out/$BUNDLE_NAME.tmp")"
  if [ "$bytes" -ge "$LIMIT_BYTES" ]; then
    rm -f "$out/$BUNDLE_NAME.tmp"
    fail "the bundle would be $(mib "$bytes"), not under the 64 MiB limit; nothing written"
  fi
  mv "$out/$BUNDLE_NAME.tmp" "$out/$BUNDLE_NAME"
  say "bundle: $out/$BUNDLE_NAME, $(mib "$bytes") (limit 64 MiB; unpacked $(mib "$(du -sb "$stage" | cut -f1)")), made in $(( $(date +%s) - start )) s"
  say "on the GPU machine, from a copy of this working tree with $out in it: environment/gpu-check.sh --bundle-dir $out"
}

# ------------------------------------------------------------------------------------------------- the GPU run
# Runs "$@" with a time limit of $1 seconds, its output also into file $2; prints the exit status line.
stage_run() {
  local limit="$1" log="$2"; shift 2
  local rc=0
  timeout --kill-after=10 "$limit" "$@" 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
  [ "$rc" = 124 ] && say "stopped after its time limit of $limit s"
  return "$rc"
}

run_check() {
  local bundle_dir="$1" libtorch="$2" out="$3" paper_cpu="$4" work java start rc1=0 rc2=0 rc3=0 left
  start=$(date +%s)
  [ -f "$bundle_dir/$BUNDLE_NAME" ] || fail "no bundle at $bundle_dir/$BUNDLE_NAME; make it on a machine with Maven: environment/gpu-check.sh --bundle $bundle_dir"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader \
    | sed 's/^/[gpu-check] GPU: /' || say "nvidia-smi not found"
  work="$(mktemp -d)"
  trap "rm -rf '$work'" EXIT
  tar -xzf "$bundle_dir/$BUNDLE_NAME" -C "$work"
  say "bundle unpacked in $(( $(date +%s) - start )) s: $(head -2 "$work/BUNDLE.txt" | tail -1)"
  GINR_JNI_JAR="$(ls "$work"/lib/pytorch-jni-*.jar)" gpu_configure "$REPO" "$libtorch" "$work/gpu.env" \
    | sed 's/^\[setup\]/[gpu-check]/' || exit 1
  set -a
  # shellcheck source=/dev/null
  . "$work/gpu.env"
  set +a
  export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.djl.ai}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  mkdir -p "$out"
  java=("$work/jre/bin/java" -Xmx16g -Dai.djl.offline=true -cp "$work/lib/*" dev.ginr.inr.cli.Ginr)

  say "0/3 the engine on the GPU: one TransINR step ..."
  stage_run 120 "$out/engine-probe.txt" "${java[@]}" gpu-check --models transinr --steps 1 --timed-steps 0 --batch 2 \
    || fail "the CUDA engine does not run (output above, also in $out/engine-probe.txt); nothing else was run"
  say "1/3 every model on the GPU and on the CPU (small presets) ..."
  stage_run 240 "$out/gpu-check-small.txt" "${java[@]}" gpu-check --device-a gpu --device-b cpu || rc1=$?
  say "2/3 ginr bench --preset paper --device gpu ..."
  stage_run 240 "$out/bench-paper-gpu.txt" "${java[@]}" bench --preset paper --device gpu \
    --csv "$out/bench-paper-gpu.csv" || rc2=$?
  left=$(( 540 - ($(date +%s) - start) ))
  if [ "$paper_cpu" = 1 ] && [ "$left" -ge 60 ]; then
    say "3/3 the paper presets on the GPU and on the CPU (1 step compared, 2 timed; at most $left s) ..."
    stage_run "$left" "$out/gpu-check-paper.txt" "${java[@]}" gpu-check --paper --steps 1 --timed-steps 2 \
      --device-a gpu --device-b cpu || rc3=$?
  else
    say "3/3 skipped (--no-paper-cpu, or $left s left of 540)"
  fi
  say "done in $(( $(date +%s) - start )) s; outputs in $out: small comparison exit $rc1, paper bench exit $rc2, paper comparison exit $rc3"
  [ "$rc1" = 0 ] && [ "$rc2" = 0 ]
}

# ------------------------------------------------------------------------------------------------------- main
BUNDLE_OUT=""
PLAN_ONLY=0
BUNDLE_DIR="$REPO/gpu-bundle"
LIBTORCH=""
OUT_DIR="$REPO/gpu-check-out"
PAPER_CPU=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE_OUT="${2:?--bundle needs a folder}"; shift ;;
    --plan) PLAN_ONLY=1 ;;
    --bundle-dir) BUNDLE_DIR="${2:?--bundle-dir needs a folder}"; shift ;;
    --libtorch) LIBTORCH="${2:?--libtorch needs a folder}"; shift ;;
    --out) OUT_DIR="${2:?--out needs a folder}"; shift ;;
    --no-paper-cpu) PAPER_CPU=0 ;;
    *) echo "[gpu-check] ERROR: unknown argument '$1'; allowed: --bundle OUT [--plan] | [--bundle-dir OUT] [--libtorch DIR] [--out DIR] [--no-paper-cpu]" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$BUNDLE_OUT" ]; then
  make_bundle "$(mkdir -p "$BUNDLE_OUT" && cd "$BUNDLE_OUT" && pwd)" "$PLAN_ONLY"
elif [ "$PLAN_ONLY" = 1 ]; then
  echo "[gpu-check] ERROR: --plan goes with --bundle OUT" >&2; exit 2
else
  run_check "$BUNDLE_DIR" "$LIBTORCH" "$OUT_DIR" "$PAPER_CPU"
fi
