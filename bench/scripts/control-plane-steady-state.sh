#!/usr/bin/env bash
# One steady-state control-plane run with CPU accounting: starts SERVER_JAR alone on a fresh embedded
# PostgreSQL, runs the benchmark against it with a long warm-up, and over about 15 s of the peak phase reads the CPU
# of the server JVM, of every PostgreSQL process and of the driver from /proc (with the share spent in the
# kernel), PostgreSQL's commits, and how often its processes slept waiting (about once per round trip); then,
# by second of the paced phase, the JVM's pauses over 20 ms, PostgreSQL's checkpoints and what its backends
# waited on (pg_stat_activity sampled every 100 ms). Over the same window it splits the server's CPU by kind of
# thread, the JIT compiler's included: more than a few per cent there means the server was still warming up.
#
# usage: bench/scripts/control-plane-steady-state.sh SERVER_JAR [WARMUP_SECONDS] [benchmark options...]
#   WARMUP_SECONDS is the least warm-up; the driver goes on until the server's JIT settles (--warmup-limit)
#   e.g. bench/scripts/control-plane-steady-state.sh server/target/streamspace-server.jar 150 --organizations 16
# The peak phase must outlast the window of about 15 s and the reads at its ends, which take seconds on two
# busy cores (--duration, default 30; a 20 s window outlasted a 30 s peak in three runs of 2026-11-27).
# Needs the bench jar (mvn -pl bench -am package -DskipTests, or another in BENCH_JAR) and psql.
# Port: STREAMSPACE_BENCH_PORT (18000). The server's JVM options: server/jvm.options, then
# STREAMSPACE_BENCH_SERVER_OPTS (as JAVA_OPTS in ./streamspace).
set -euo pipefail
[ $# -ge 1 ] || { sed -n 2,12p "$0"; exit 2; }
jar=$(realpath "$1"); shift
warmup=150
if [ $# -ge 1 ] && [[ $1 != --* ]]; then warmup=$1; shift; fi
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${STREAMSPACE_BENCH_PORT:-18000}
data=$(mktemp -d /tmp/streamspace-steady.XXXXXX)
log=$data/bench.log
# shellcheck source=scripts/jvm-options.sh
source "$root/scripts/jvm-options.sh"
# shellcheck disable=SC2086 # a list of options, as in ./streamspace bench
mapfile -t jvm < <(server_jvm_options ${STREAMSPACE_BENCH_SERVER_OPTS:-})
# The JVM's pauses, with wall-clock times, to set beside the paced phase's slow seconds.
STREAMSPACE_ADMIN_PASSWORD=steady-state java "${jvm[@]}" -Xlog:safepoint=info:file="$data/safepoints.log":time \
  -jar "$jar" --server.port="$port" \
  --streamspace.data-dir="$data" > "$data/server.log" 2>&1 &
server=$!
driver=
trap 'kill $driver $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null && break; sleep 1; done
pg=$(cat "$data/postgres/connection.url")
# shellcheck source=bench/scripts/peak-phase.sh
source "$root/bench/scripts/peak-phase.sh"
run_driver_until_peak steady-state "$@"
machine() { head -1 /proc/stat; }

# The window's reads come first at both ends, then the per-thread ones (a ratio, which a second's skew does not
# move): with the per-thread reads inside it, the window outlasted a 30 s peak on two busy cores.
t0=$(date +%s.%N); m0=$(machine); s0=$(cpu_of $server); sk0=$(kernel_cpu_of $server); d0=$(cpu_of $driver)
read -r p0 pk0 w0 <<< "$(postgres_stats)"; c0=$(commits)
threads_of $server > "$data/threads0"
sleep 14
t1=$(date +%s.%N); m1=$(machine); s1=$(cpu_of $server); sk1=$(kernel_cpu_of $server)
d1=$(cpu_of $driver 2> /dev/null || echo 0)
read -r p1 pk1 w1 <<< "$(postgres_stats)"; c1=$(commits)
window_end=$(grep -c "^bench: peak: " "$log" || true)
threads_of $server > "$data/threads1"
if [ "$window_end" != 0 ]; then # the driver logs the peak's rate as the phase ends
  kept=${TMPDIR:-/tmp}/control-plane-steady-state.bench.log
  cp "$log" "$kept"
  echo "the peak phase ended within the window of about 15 s: give it 30 s or more (--duration, default 30);" \
    "the driver's log is in $kept" >&2
  exit 1
fi
# PostgreSQL's checkpoints as they start and end (their counters and times change), through the paced phase.
until grep -q "^bench: paced phase " "$log" 2> /dev/null || ! kill -0 $driver 2> /dev/null; do sleep 0.2; done
paced0=$(date +%s.%N)
checkpoints() {
  psql -Atq "$pg" -c "select num_timed, num_requested, write_time, sync_time from pg_stat_checkpointer"
}
(
  last=$(checkpoints)
  while kill -0 $driver 2> /dev/null; do
    now=$(checkpoints 2> /dev/null || echo "$last")
    [ "$now" = "$last" ] || echo "$(date +%s.%N) $now" >> "$data/checkpoints.log"
    last=$now
    sleep 0.5
  done
) &
# What PostgreSQL's processes wait on, ten times a second: every active backend (no wait event: on the CPU) and
# every other process not idle in its main loop (autovacuum, the WAL writer flushing, a checkpoint), with one
# marker row per sample so that a second's samples can be counted.
psql -Atq "$pg" -F '|' > "$data/waits.log" 2> /dev/null << 'SQL' &
select extract(epoch from clock_timestamp()), 'sample', '', '', ''
union all
select extract(epoch from clock_timestamp()), backend_type, coalesce(wait_event_type, 'CPU'),
       coalesce(wait_event, ''), left(regexp_replace(coalesce(query, ''), '\s+', ' ', 'g'), 50)
  from pg_stat_activity
 where pid <> pg_backend_pid()
   and (state = 'active' or backend_type not in ('client backend', 'walsender'))
   and coalesce(wait_event_type, '') not in ('Activity', 'Client')
\watch 0.1
SQL
waits=$!
wait $driver
paced1=$(date +%s.%N)
kill $waits 2> /dev/null || true
cat "$data/report.md"
python3 - "$m0" "$m1" "$s0" "$s1" "$d0" "$d1" "$p0" "$p1" "$c0" "$c1" "$(getconf CLK_TCK)" "$(nproc)" \
  "$sk0" "$sk1" "$pk0" "$pk1" "$w0" "$w1" "$t0" "$t1" << 'PY'
import sys
a = list(map(int, sys.argv[1].split()[1:])); b = list(map(int, sys.argv[2].split()[1:]))
d = [y - x for x, y in zip(a, b)]; total = sum(d[:8]); idle = d[3] + d[4]
s0, s1, d0, d1, p0, p1, c0, c1, tick, cores, sk0, sk1, pk0, pk1, w0, w1, t0, t1 = map(float, sys.argv[3:21])
span = t1 - t0
print()
print("over %.1f s of the peak phase:" % span)
print("- machine busy %.2f of %d cores, %.2f of them in the kernel" % (
    (total - idle) / total * cores, cores, (d[2] + d[5] + d[6]) / total * cores))
print("- server %.2f cores (%.2f in the kernel), PostgreSQL %.2f cores (%.2f in the kernel), driver %.2f cores" % (
    (s1 - s0) / tick / span, (sk1 - sk0) / tick / span, (p1 - p0) / tick / span, (pk1 - pk0) / tick / span,
    (d1 - d0) / tick / span))
print("- PostgreSQL commits/s %.0f" % ((c1 - c0) / span))
print("- PostgreSQL's live processes waited %.0f times/s (voluntary context switches, about one per round trip)"
      % ((w1 - w0) / span))
print("divide by the peak commands/s above for the CPU, commits and round trips per command")
PY
threads_report "$data/threads0" "$data/threads1"
python3 - "$paced0" "$paced1" "$data/safepoints.log" "$data/checkpoints.log" "$data/waits.log" << 'PY'
import collections, os, re, sys
from datetime import datetime
start, length = float(sys.argv[1]), float(sys.argv[2]) - float(sys.argv[1])
safepoints, checkpoints, waits = sys.argv[3], sys.argv[4], sys.argv[5]
print()
print("in the paced phase, by its second (to set beside the report's slow seconds):")
pauses = []
for line in open(safepoints) if os.path.exists(safepoints) else []:
    m = re.match(r"\[(\S+)\] Safepoint \"(\w+)\".*Total: (\d+) ns", line)
    if m:
        at = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() - start
        if 0 <= at < length and int(m.group(3)) > 20_000_000:
            pauses.append("second %d: %s %.0f ms" % (at, m.group(2), int(m.group(3)) / 1e6))
print("- JVM pauses over 20 ms: " + ("; ".join(pauses) if pauses else "none"))
changes = []
for line in open(checkpoints) if os.path.exists(checkpoints) else []:
    at, counters = line.split(" ", 1)
    at = float(at) - start
    if 0 <= at < length:
        changes.append("second %d: %s" % (at, counters.strip()))
print("- checkpoint counters changed (timed|requested|write ms|sync ms): "
      + ("; ".join(changes) if changes else "never"))
samples = collections.Counter()
seen = collections.defaultdict(collections.Counter)
vacuums = collections.defaultdict(set)
for line in open(waits) if os.path.exists(waits) else []:
    fields = line.rstrip("\n").split("|")
    if len(fields) != 5:
        continue
    at, backend, kind, event, query = fields
    second = int(float(at) - start)
    if not 0 <= second < length:
        continue
    if backend == "sample":
        samples[second] += 1
        continue
    seen[second][(kind + ":" + event if event else kind) + ("" if backend == "client backend" else " (" + backend + ")")] += 1
    if backend == "autovacuum worker":
        vacuums[second].add(query.replace("autovacuum: ", ""))
print("- what PostgreSQL's processes were doing when sampled, per sample (CPU: an active backend on the CPU):")
for second in sorted(samples):
    n = samples[second]
    top = ", ".join("%s %.1f" % (k, c / n) for k, c in seen[second].most_common(6))
    line = "  second %d (%d samples): %s" % (second, n, top or "nothing active")
    if vacuums[second]:
        line += "; autovacuum: " + ", ".join(sorted(vacuums[second]))
    print(line)
PY
