#!/usr/bin/env bash
# Benchmark of the enricher (not a test): enrich --once over NEIGHBORHOODS x VERSIONS clean records,
# side by side with a plain Spark job copying the same topic to Parquet (each job run twice in its
# own JVM: cold and warm figures), plus the send-to-readable latency at the default 10 s trigger.
# Starts its own broker and registry on free ports of 127.0.0.1 and removes everything it wrote
# when it ends; the jobs' logs stay in target/bench-logs/.
#
#   spark-enricher/bench/run.sh [NEIGHBORHOODS=100000] [VERSIONS=10] [LATENCY_SAMPLES=5 (0 skips the latency run)] [PAIRS=3]
#
# PAIRS: how many times both jobs run, each time in new JVMs, alternating which goes first; the
# ratios of every pair are printed, then their median (this machine is shared and noisy).
#
# Profiling: BENCH_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/{job}.jfr,settings=profile'
# adds JVM options to every job ({job} = baseline-N, enrich-N for pair N, latency).
#
# Needs the project built once: mvn -B package -DskipTests (from the repository root).
set -euo pipefail
module="$(cd "$(dirname "$0")/.." && pwd)"
root="$(dirname "$module")"
# From the root with -am: the sibling modules come from the reactor, nothing needs mvn install.
cd "$root"
mvn -B -q -o -pl spark-enricher -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
cd "$module"
export SPARK_LOCAL_IP=127.0.0.1
exec java @target/jvmflags.txt -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.popsurvey.enricher.bench.EnrichBenchmark "$@"
