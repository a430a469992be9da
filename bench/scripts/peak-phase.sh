# shellcheck shell=bash
# Shared by the control-plane scripts, sourced after they set root, port, data, pg, warmup and log: runs the
# benchmark driver (BENCH_JAR, default the one built in bench/target) until its peak phase begins, and reads
# CPU and commits from /proc and PostgreSQL.

# usage: run_driver_until_peak ADMIN_PASSWORD [benchmark options...]; sets driver to the driver's pid
run_driver_until_peak() {
  local password=$1
  shift
  java -jar "${BENCH_JAR:-$root/bench/target/streamspace-bench.jar}" --url "http://127.0.0.1:$port" \
    --admin-password "$password" --pg-url "$pg" --warmup "$warmup" --pgbench-seconds 10 \
    --out "$data/report.md" "$@" > "$log" 2>&1 &
  driver=$!
  until grep -q "^bench: peak phase " "$log" 2> /dev/null; do
    kill -0 "$driver" 2> /dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  sleep 3
}

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
kernel_cpu_of() { awk '{print $15}' "/proc/$1/stat"; }

# usage: postgres_stats; prints "CPU KERNEL WAITS" for PostgreSQL in clock ticks: the postmaster with its reaped
# children's times and its live children's, the part of them in the kernel, and how often its live processes went
# to sleep waiting (voluntary context switches: a backend does so about once per round trip a client makes).
# One process for all of it: an awk per PostgreSQL process took seconds on two busy cores.
postgres_stats() {
  python3 - "$(pgrep -f -- "-D $data/postgres/data" | head -1)" << 'PY'
import sys
postmaster = sys.argv[1]
pids = [postmaster]
try:
    with open("/proc/%s/task/%s/children" % (postmaster, postmaster)) as f:
        pids += f.read().split()
except OSError:
    pass
cpu = kernel = waits = 0
for pid in pids:
    try:
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open("/proc/%s/status" % pid) as f:
            status = f.read()
    except OSError:
        continue  # a backend that ended between the listing and the read
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    cpu += utime + stime + cutime + cstime
    kernel += stime + cstime
    for line in status.splitlines():
        if line.startswith("voluntary_ctxt_switches"):
            waits += int(line.split()[1])
print(cpu, kernel, waits)
PY
}

postgres_cpu() { postgres_stats | cut -d' ' -f1; }

commits() { psql -Atq "$pg" -c "select sum(xact_commit) from pg_stat_database"; }

# usage: threads_of PID > FILE; each of the process's threads as "name|CPU ticks|thread id", in one process
# (a cat and an awk per thread took seconds on two busy cores)
threads_of() {
  python3 - "$1" << 'PY'
import glob, sys
for stat in glob.glob("/proc/%s/task/*/stat" % sys.argv[1]):
    try:
        text = open(stat).read()
    except OSError:
        continue
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    print("%s|%d|%s" % (name, int(fields[11]) + int(fields[12]), stat.split("/")[4]))
PY
}

# usage: threads_report BEFORE AFTER; the server's CPU between two threads_of snapshots, by kind of thread.
# The JIT compiler's share says whether the warm-up was long enough: while it compiles, much of the hot code
# still runs interpreted or at C1, and every thread pays for that.
threads_report() {
  python3 - "$1" "$2" << 'PY'
import collections, sys
def load(path):
    rows = {}
    for line in open(path):
        name, ticks, tid = (line.rstrip("\n").split("|") + ["", ""])[:3]
        if ticks:
            rows[tid] = (name, int(ticks))
    return rows
before, after = load(sys.argv[1]), load(sys.argv[2])
kinds = [("reactor-http", "HTTP event loops"), ("command-", "command threads"),
         ("WorkPackage[", "processors' work packages"), ("Coordinator[", "processors' coordinators"),
         ("EmbeddedEventSt", "event store reader"), ("reactor-tcp", "R2DBC event loops (reads)"),
         ("C2 CompilerThre", "JIT compiler (C2)"), ("C1 CompilerThre", "JIT compiler (C1)"),
         ("GC Thread", "garbage collector"), ("G1 ", "garbage collector")]
used = collections.Counter()
for tid, (name, ticks) in after.items():
    spent = ticks - before.get(tid, (name, 0))[1]
    kind = next((label for prefix, label in kinds if name.startswith(prefix)), "other")
    used[kind] += spent
total = sum(used.values()) or 1
print("- server's CPU by thread: " + ", ".join("%s %.1f %%" % (k, 100 * v / total) for k, v in used.most_common()))
jit = 100 * (used["JIT compiler (C2)"] + used["JIT compiler (C1)"]) / total
if jit > 5:
    print("  the JIT compiler took %.0f %%: the server had not finished warming up, and the figures above are "
          "of code still being compiled (a longer --warmup, or a lower --jit-settled)" % jit)
PY
}
