#!/usr/bin/env bash
# Builds the command line and the benchmarks, then runs a benchmark and prints its figures (kept in bench/results/).
#
#   bench/run.sh [single|startup|fleet|all] [--option value ...]      default: all
#
# single:  --warmup 1000 --iterations 500 --parts-iterations 200 --profile true
# startup: --repetitions 20
# fleet:   --clusters 1,10,100,1000 --concurrency 8,16,32,64,128,256 --servers 10 --latency-ms 50 --xmx 512m
#          --small-xmx 256m --runs 1 --timeout-seconds 30
# BENCH_SKIP_BUILD=1 reuses what is built; BENCH_MAVEN_FLAGS adds Maven flags, such as -o to build offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "Building cli and bench..." >&2
  # shellcheck disable=SC2086 # the flags are meant to split into words
  ./mvnw -B -q install -Dmaven.test.skip=true -Dspotless.check.skip=true -pl cli,bench -am ${BENCH_MAVEN_FLAGS:-} >&2
fi
benchmark="${1:-all}"
[ $# -gt 0 ] && shift
mkdir -p bench/results
log="bench/results/$benchmark-$(date -u +%Y%m%dT%H%M%SZ).txt"
java -cp "cli/target/konnectivity.jar:bench/target/classes" io.konnectivity.bench.CheckBenchmark "$benchmark" "$@" \
  | tee "$log"
echo "Figures kept in $log" >&2
