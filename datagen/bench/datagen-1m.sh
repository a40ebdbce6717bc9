#!/usr/bin/env bash
# Benchmark (not a test): times `datagen --neighborhoods 1000000` with a 512 MB heap and prints
# its MB/s beside a baseline measured in the same run on the same disk: dd writing the same
# number of bytes from /dev/zero (what the disk and page cache allow, with no CSV work at all).
#
# Usage: datagen/bench/datagen-1m.sh [NEIGHBORHOODS] [SEED]
#   Needs a built module: mvn -B -pl datagen package -DskipTests
#   BENCH_DIR=/some/dir picks where the temporary output goes (default: $TMPDIR or /tmp).
set -euo pipefail

count="${1:-1000000}"
seed="${2:-42}"
heap="${DATAGEN_HEAP:-512m}"
module="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classes="$module/target/classes"
classpath_file="$module/target/runtime-classpath.txt"

if [[ ! -d "$classes" || ! -f "$classpath_file" ]]; then
  echo "datagen-1m: $classes or $classpath_file is missing; build first: mvn -B -pl datagen package -DskipTests" >&2
  exit 1
fi

work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/datagen-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
mb_per_s() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }

echo "datagen-1m: $count neighborhoods, seed $seed, -Xmx$heap, output in $work"

timing=()
if [[ -x /usr/bin/time ]]; then
  timing=(/usr/bin/time -f "%M %U %S" -o "$work/usage")
fi
start="$(now)"
"${timing[@]}" java "-Xmx$heap" -cp "$classes:$(cat "$classpath_file")" org.popsurvey.datagen.DatagenCommand \
  --out "$work/out" --neighborhoods "$count" --seed "$seed" 2>/dev/null
end="$(now)"
seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
bytes="$(find "$work/out" -type f -name '*.csv' -printf '%s\n' | awk '{ s += $1 } END { print s }')"
rm -rf "$work/out"

# Baseline: the same bytes, no generation or formatting, same filesystem, no fsync (datagen does none).
start="$(now)"
dd if=/dev/zero of="$work/baseline" bs=1M count="$(( (bytes + 1048575) / 1048576 ))" status=none
end="$(now)"
dd_seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
rm -f "$work/baseline"

datagen_rate="$(mb_per_s "$bytes" "$seconds")"
dd_rate="$(mb_per_s "$bytes" "$dd_seconds")"
echo
printf '%-34s %12s %10s %10s\n' "run" "bytes" "seconds" "MB/s"
printf '%-34s %12s %10s %10s\n' "datagen (JVM start included)" "$bytes" "$seconds" "$datagen_rate"
printf '%-34s %12s %10s %10s\n' "baseline: dd /dev/zero, same size" "$bytes" "$dd_seconds" "$dd_rate"
awk -v a="$datagen_rate" -v b="$dd_rate" -v n="$count" -v s="$seconds" \
  'BEGIN { printf "ratio datagen/dd: %.3f   neighborhoods/s: %.0f\n", a / b, n / s }'
if [[ -f "$work/usage" ]]; then
  read -r rss user sys < <(tail -1 "$work/usage")
  echo "datagen max RSS: $(( rss / 1024 )) MB (heap limit $heap); CPU: ${user} s user + ${sys} s system"
  echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (a busy machine stretches wall time, not CPU time)"
fi
