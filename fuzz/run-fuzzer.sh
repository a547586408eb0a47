#!/usr/bin/env bash
# Runs one libFuzzer harness the way ./test does: first every input in its
# regression corpus once, then fuzzing from the seeds for a bounded time.
# Fails on any crash, leak, sanitizer report, GLib critical or input slower
# than the per-input timeout.
#
#   run-fuzzer.sh EXE NAME CORPUS WORK [--dict=F] [--make-seeds=TOOL --generate=KIND]
#                 [--seed=DIR]... [--source=FILE_OR_DIR]...
#
# CORPUS is fuzz/corpus/NAME in the source tree (crashers, kept for good);
# WORK is in the build folder: the inputs fuzzing found interesting, kept
# between runs so that coverage grows, the generated seeds and any crash.
# FW_FUZZ_SECONDS (default 30) is how long to fuzz; 0 runs the regression
# corpus only.
set -euo pipefail

exe=$1 name=$2 corpus=$3 work=$4
shift 4
dict= tool= kind=
seeds=()
sources=()
for arg in "$@"; do
  case $arg in
    --dict=*) dict=${arg#*=} ;;
    --make-seeds=*) tool=${arg#*=} ;;
    --generate=*) kind=${arg#*=} ;;
    --seed=*) seeds+=("${arg#*=}") ;;
    --source=*) sources+=("${arg#*=}") ;;
    *) echo "run-fuzzer.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
seconds=${FW_FUZZ_SECONDS:-30}

# A critical is a broken precondition, which input must never cause.
export G_DEBUG=fatal-criticals
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

mkdir -p "$work/found" "$work/artifacts"
options=(-timeout=20 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
         -artifact_prefix="$work/artifacts/")
[ -n "$dict" ] && [ -f "$dict" ] && options+=(-dict="$dict")

# 1. The regression corpus: each crasher found so far, once.
mapfile -t crashers < <(find "$corpus" -type f ! -name '*.md' 2>/dev/null | sort)
echo "== fuzz-$name: ${#crashers[@]} inputs of the regression corpus"
if [ "${#crashers[@]}" -gt 0 ]; then
  "$exe" "${options[@]}" "${crashers[@]}"
fi
[ "$seconds" -gt 0 ] || exit 0

# 2. Seeds: fixture folders as they are, plus what make-seeds makes of them.
dirs=("$work/found")
if [ -n "$kind" ]; then
  files=()
  for source in "${sources[@]}"; do
    [ -e "$source" ] || continue
    mapfile -t -O "${#files[@]}" files < <(find "$source" -type f ! -name '*.md' ! -name '*.py' | sort)
  done
  rm -rf "$work/generated"
  "$tool" "$kind" "$work/generated" "${files[@]}"
  dirs+=("$work/generated")
fi
for seed in "${seeds[@]}"; do
  if [ -d "$seed" ]; then
    dirs+=("$seed")
  else
    echo "fuzz-$name: no seed folder $seed, going on without it"
  fi
done

# 3. Fuzzing.  A crash leaves its input in $work/artifacts; once the bug is
# fixed, the input goes into fuzz/corpus/$name.
echo "== fuzz-$name: fuzzing for ${seconds} s"
if ! "$exe" "${options[@]}" -max_total_time="$seconds" "${dirs[@]}"; then
  echo "fuzz-$name: crashed; the input is in $work/artifacts/." >&2
  echo "Fix the bug, then copy the input into fuzz/corpus/$name/." >&2
  exit 1
fi
