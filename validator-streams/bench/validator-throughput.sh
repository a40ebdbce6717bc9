#!/usr/bin/env bash
# Validator throughput on one stream thread, side by side with a pass-through Kafka Streams app
# (same serde, same exactly_once_v2, same broker, same generated input) in the same run.
#
#   validator-streams/bench/validator-throughput.sh [RECORDS=1000000] [ROUNDS=4] [BOOTSTRAP REGISTRY_URL]
#
# Without BOOTSTRAP/REGISTRY_URL it starts its own broker and registry on free ports (the local
# stack runtimes must be built: mvn -B package -DskipTests from the repository root) and stops
# them at the end. A warm-up round of both apps is run first and not counted; rounds alternate which app goes first. Prints records/s of
# each app per round, the app JVM CPU per record, and the ratio (target >= 0.90).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx3g ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.popsurvey.validator.bench.ThroughputBenchmark "$@"
