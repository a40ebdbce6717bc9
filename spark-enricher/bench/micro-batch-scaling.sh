#!/usr/bin/env bash
# Benchmark (not a test): does a small micro-batch cost what it changes, or what the table holds?
# For each table size: backfill the table (enrich --once), then run a streaming enricher and a
# plain Spark streaming query appending the same records to Parquet (the baseline) side by side,
# on the same topic, at the same trigger, while BATCHES batches of BATCH_SIZES changed
# neighborhoods are sent (one per trigger interval on average, at random phases). Prints per
# table size, batch size and job: micro-batch duration p50/p99 (the job's own per-batch line, the
# cold first batch included) and send -> readable latency p50/p99/max (a plain Parquet reader
# polling the output folder). Last line: micro-batch p50 ratio 1M/10k = X.XX (enricher, first
# batch size). Starts its own broker and registry on free ports of 127.0.0.1 and removes what it
# wrote when it ends; the jobs' logs stay in spark-enricher/target/bench-logs/.
#
#   SIZES="91 10000 100000 1000000" BATCH_SIZES="10 100" BATCHES=20 TRIGGER_SECONDS=10 \
#   ENRICH_ARGS="" spark-enricher/bench/micro-batch-scaling.sh
#
# 91 is the published files (../shared/data/acs2015); other sizes are generated (datagen).
# Smoke run: SIZES="91 10000" BATCH_SIZES=10 BATCHES=3 spark-enricher/bench/micro-batch-scaling.sh
#
# Needs the project built once: mvn -B package -DskipTests (from the repository root; the stack
# needs the broker's classpath and the registry's jar).
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(dirname "$module")"
cd "$root"
mvn -B -q -o -pl spark-enricher -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
cd "$module"
export SPARK_LOCAL_IP=127.0.0.1
exec java @target/jvmflags.txt -Xmx2g \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.popsurvey.enricher.bench.MicroBatchScalingBenchmark "$@"
