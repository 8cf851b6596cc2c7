#!/usr/bin/env bash
# Switchboard overhead benchmark (issue 7). Run from the repository root on a QUIET machine:
#
#   src/bench/run-bench.sh --soak-seconds 600   # real run: three configs, 30 s steps, ~40 min (~30 without the soak)
#   src/bench/run-bench.sh --seconds 5 --warmup 5     # smoke run, ~4 min
#
# Every option after the script's own is passed to io.switchboard.bench.BenchRun:
#   --configs bare,full-telemetry-off,full  --seconds 30  --warmup 60  --connections 1,16,64  --rate 1000  --stream-rate 50
#   --delay-ms 0  --size 1024  --chunks 20  --chunk-gap-ms 10  --error-rate 0  --soak-seconds 600  --soak-configs bare
#   --held-delay-ms 1000  --held-rate 50 (requests held in flight like real LLM calls; 0 skips the step)
#   --gateway-core 1  --load-core 0  --gateway-jvm-args "-Xmx512m ..."  --jfr (JFR over the measured steps; summary in target/bench/profile-<config>.md)
#   --no-wrk (open-loop steps only)
# Script options: --no-build (reuse target/switchboard.jar and target/bench-classes).
# Results: target/bench/results.md and results.csv (plus server logs under target/bench/server-*); a run
# with steps of 30 s or more is also copied to src/bench/results/latest.md and latest.csv for committing.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=1
args=()
for a in "$@"; do
  if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done

if ! command -v wrk >/dev/null 2>&1 && [[ " ${args[*]:-} " != *" --no-wrk "* ]]; then
  echo "wrk is not installed. Install it with: apt-get install -y wrk   (or pass --no-wrk)" >&2
  exit 2
fi
if ! command -v taskset >/dev/null 2>&1; then
  echo "taskset is missing (package util-linux)." >&2
  exit 2
fi
if [[ "$(nproc --all)" -lt 2 ]]; then
  echo "Needs at least 2 cores: the gateway gets one, the fake upstream and load generators the other." >&2
  exit 2
fi

if [[ $build -eq 1 ]]; then
  # MVN_FLAGS="" fetches HdrHistogram on a machine whose local repository lacks it.
  mvn ${MVN_FLAGS--o} -q -Pbench -DskipTests package
fi
hdr="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar"
[[ -f "$hdr" ]] || { echo "HdrHistogram not found at $hdr: run mvn -Pbench compile once (drop -o to fetch it)." >&2; exit 2; }
[[ -d target/bench-classes ]] || { echo "target/bench-classes is missing: run without --no-build." >&2; exit 2; }

# The "full" config keeps keys and spend in PostgreSQL; each run gets a fresh database when psql is at hand,
# so no run inherits the rows and dead tuples of the ones before it (a server without autovacuum keeps both).
if command -v psql >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS switchboard_bench WITH (FORCE)" >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE switchboard_bench" >/dev/null 2>&1 || true
fi

load_core=0
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[$i]}" == "--load-core" ]] && load_core="${args[$((i + 1))]}"
done
command_line="src/bench/run-bench.sh $*"
out=target/bench
for ((i = 0; i < ${#args[@]}; i++)); do
  [[ "${args[$i]}" == "--out" ]] && out="${args[$((i + 1))]}"
done
# Run from a copy of the classes: a rebuild during a run must not pull classes from under it.
rm -rf "$out/classes" && mkdir -p "$out" && cp -r target/bench-classes "$out/classes"
taskset -c "$load_core" java -Xmx1g -XX:+UseSerialGC -cp "$out/classes:$hdr" \
  io.switchboard.bench.BenchRun --command "$command_line" "${args[@]}"

# A real run (steps of 30 s or more) becomes the published figures; smoke runs never do.
if ! grep -q "SMOKE RUN" "$out/results.md"; then
  cp "$out/results.md" src/bench/results/latest.md
  cp "$out/results.csv" src/bench/results/latest.csv
  echo "Published to src/bench/results/latest.md and latest.csv: review and commit them."
fi
