#!/usr/bin/env bash
# The enricher's shaded jar under spark-submit on a real (one-machine) Spark standalone cluster.
#
#   deploy/spark-standalone/submit-smoke.sh [NEIGHBORHOODS=91]
#
# What it does, all on 127.0.0.1 with free ports, everything removed at the end:
#   1. starts the local stack (broker + registry), generates NEIGHBORHOODS synthetic neighborhoods,
#      produces them and runs the validator until every row is clean;
#   2. starts a Spark standalone Master and one Worker whose classpath is only what a Spark
#      distribution ships (deploy/spark-standalone/target/runtime-classpath.txt: no Kafka source,
#      no picocli, none of our modules);
#   3. submits spark-enricher/target/spark-enricher-*-spark.jar with org.apache.spark.deploy.SparkSubmit
#      (the class bin/spark-submit runs), --deploy-mode client, executors on the Worker;
#   4. checks the job's own summary line: every clean record enriched, exit code 0.
# Needs the project built: mvn -B package -DskipTests (run from the repository root).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
rows="${1:-91}"
jar="$(ls spark-enricher/target/spark-enricher-*-spark.jar 2>/dev/null | head -1 || true)"
classpath_file="deploy/spark-standalone/target/runtime-classpath.txt"
if [[ -z "$jar" || ! -f "$classpath_file" ]]; then
  echo "Build first: mvn -B package -DskipTests (no shaded jar or Spark classpath under target/)" >&2
  exit 2
fi
spark_cp="$(cat "$classpath_file")"
work="$(mktemp -d /tmp/popsurvey-spark-submit-XXXXXX)"
free_port() { # a port nothing listens on (and the next one: the stack's controller takes Kafka's + 1)
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (echo >"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null \
      || { echo "$port"; return; }
  done
}
kafka_port="$(free_port)"; registry_port="$(free_port)"; master_port="$(free_port)"
bootstrap="127.0.0.1:$kafka_port"
registry="http://127.0.0.1:$registry_port/apis/ccompat/v7"
connection=(--bootstrap-servers "$bootstrap" --schema-registry-url "$registry")
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ./popsurvey stack down --kafka-port "$kafka_port" --registry-port "$registry_port" \
    --state-dir "$work/stack" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # wait_for SECONDS FILE PATTERN WHAT
  local deadline=$((SECONDS + $1))
  until grep -q "$3" "$2" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      echo "Timed out after $1 s waiting for $4; last lines of $2:" >&2
      tail -20 "$2" >&2 || true
      exit 1
    fi
    sleep 1
  done
}

echo "== stack, data, producer, validator (work folder $work)"
./popsurvey stack up --kafka-port "$kafka_port" --registry-port "$registry_port" --state-dir "$work/stack" >/dev/null
./popsurvey datagen --neighborhoods "$rows" --out "$work/data" >/dev/null
./popsurvey produce --input "$work/data/total-population.csv" --interval 0 "${connection[@]}" >/dev/null
./popsurvey validate "${connection[@]}" --stats-interval 1s --state-dir "$work/validator" >"$work/validator.log" 2>&1 &
validator=$!
pids+=("$validator")
wait_for 120 "$work/validator.log" "processed=$rows accepted=$rows" "the validator to accept $rows rows"
kill "$validator"; wait "$validator" || true

echo "== Spark standalone master and worker on spark://127.0.0.1:$master_port"
# The worker launches executors with Spark's launcher, which wants a distribution's layout:
# SPARK_HOME with a RELEASE file and the jars under jars/.
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.12
mkdir -p "$SPARK_HOME/jars"
touch "$SPARK_HOME/RELEASE"
tr ':' '\n' <"$classpath_file" | while read -r entry; do ln -s "$entry" "$SPARK_HOME/jars/"; done
java -cp "$spark_cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port 0 >"$work/master.log" 2>&1 &
pids+=("$!")
wait_for 60 "$work/master.log" "I have been elected leader" "the Spark master"
java -cp "$spark_cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 --cores 2 --memory 1g \
  --work-dir "$work/worker" "spark://127.0.0.1:$master_port" >"$work/worker.log" 2>&1 &
pids+=("$!")
wait_for 60 "$work/worker.log" "Successfully registered with master" "the Spark worker"

echo "== spark-submit $jar"
set +e
java @spark-enricher/src/main/jvm/jvmflags.txt -cp "$spark_cp" org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$master_port" --deploy-mode client \
  --class org.popsurvey.enricher.EnrichCommand \
  --conf spark.executor.memory=768m --conf spark.sql.shuffle.partitions=4 \
  "$jar" --once "${connection[@]}" --reference-dir "$work/data" \
  --output "$work/out" --checkpoint "$work/checkpoint" >"$work/submit.log" 2>&1
status=$?
set -e
grep -E "^enrich:" "$work/submit.log" || true
executors="$(grep -c "Executor added" "$work/submit.log" || true)"
if ((status != 0)) || ! grep -q "enrich: done, $rows record(s)" "$work/submit.log"; then
  echo "FAILED (exit $status); last lines of the spark-submit log:" >&2
  tail -40 "$work/submit.log" >&2
  exit 1
fi
echo "OK: spark-submit exit 0, $rows record(s) enriched by executors on the standalone worker ($executors executor(s) added)"
