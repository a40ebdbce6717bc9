#!/usr/bin/env bash
# Benchmark: `popsurvey produce --interval 0` against Kafka's own ProducerPerformance, on the same
# broker, in the same run, with the same acks/idempotence/linger and the same record size.
#
#   producer/bench/produce-vs-producer-perf.sh [ROWS=200000] [BATCH_SIZES="100 1000 10000"]
#
# Starts its own stack on ports 29092/28081 (state in a temp dir), generates ROWS synthetic rows,
# and prints rows/s and MB/s of each, and their ratio. Each figure is the best of RUNS (default 2)
# interleaved runs, so both sides see the same machine load.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS="${1:-200000}"
BATCH_SIZES="${2:-100 1000 10000}"
RUNS="${RUNS:-2}"
KAFKA_PORT=29092
REGISTRY_PORT=28081
WORK="$(mktemp -d)"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
REGISTRY="http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"
STACK_OPTS=(--kafka-port "$KAFKA_PORT" --registry-port "$REGISTRY_PORT" --state-dir "$WORK/stack")

cleanup() { "$ROOT/popsurvey" stack down "${STACK_OPTS[@]}" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$ROOT/popsurvey" stack up "${STACK_OPTS[@]}" >/dev/null
"$ROOT/popsurvey" datagen --out "$WORK/data" --neighborhoods "$ROWS" >/dev/null 2>&1
INPUT="$WORK/data/total-population.csv"

# Same record size for ProducerPerformance: the mean key + Confluent-framed value size, measured
# by producing the file once and reading the topic's size back.
"$ROOT/popsurvey" produce --input "$INPUT" --interval 0 --batch-size 1000 --topic bench.size \
  --bootstrap-servers "$BOOTSTRAP" --schema-registry-url "$REGISTRY" >/dev/null 2>&1
TOOLS_CP="$(cat "$ROOT/deploy/kafka-broker/target/runtime-classpath.txt")"
LOG_BYTES=$(java -cp "$TOOLS_CP" org.apache.kafka.tools.LogDirsCommand --bootstrap-server "$BOOTSTRAP" \
  --describe --topic-list bench.size 2>/dev/null | grep -o '"size":[0-9]*' | cut -d: -f2 | awk '{s+=$1} END {print s}')
# A batch's overhead is ~70 bytes per 1000 records (at batch size 1000); the log size is a fair proxy.
RECORD_SIZE=$(( LOG_BYTES / ROWS ))

perf_rate() {
  java -cp "$TOOLS_CP" org.apache.kafka.tools.ProducerPerformance --topic "bench.perf.$1" \
    --num-records "$ROWS" --record-size "$RECORD_SIZE" --throughput -1 \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true linger.ms=5 \
    2>/dev/null | tail -1 | sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/'
}

produce_rate() {
  "$ROOT/popsurvey" produce --input "$INPUT" --interval 0 --batch-size "$1" --topic "bench.produce.$2" \
    --bootstrap-servers "$BOOTSTRAP" --schema-registry-url "$REGISTRY" 2>/dev/null \
    | sed -E 's/.*\(([0-9]+) rows\/s\).*/\1/'
}

echo "rows=$ROWS record_size=${RECORD_SIZE}B acks=all idempotence=true linger.ms=5; best of $RUNS interleaved runs"
declare -A BEST
keep_best() { BEST[$1]=$(printf '%s\n%s\n' "${BEST[$1]:-0}" "$2" | sort -g | tail -1); }
for run in $(seq "$RUNS"); do
  keep_best perf "$(perf_rate "$run")"
  for batch in $BATCH_SIZES; do
    keep_best "$batch" "$(produce_rate "$batch" "$batch-$run")"
  done
done
calc() { awk "BEGIN {print $1}"; }
PERF=${BEST[perf]}
printf '%-34s %12s %10s %8s\n' "run" "rows/s" "MB/s" "ratio"
printf '%-34s %12.0f %10.2f %8s\n' "kafka ProducerPerformance" "$PERF" "$(calc "$PERF * $RECORD_SIZE / 1000000")" "1.00"
for batch in $BATCH_SIZES; do
  RATE=${BEST[$batch]}
  printf '%-34s %12.0f %10.2f %8.2f\n' "popsurvey produce --batch-size $batch" "$RATE" \
    "$(calc "$RATE * $RECORD_SIZE / 1000000")" "$(calc "$RATE / $PERF")"
done
