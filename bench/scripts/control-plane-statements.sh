#!/usr/bin/env bash
# What a command costs PostgreSQL: starts SERVER_JAR alone on a fresh embedded PostgreSQL, restarts it with
# pg_stat_statements preloaded, runs the control-plane benchmark with a long warm-up, and over 20 s of the peak
# phase records every statement's calls, the transactions, the rows written per table, the write-ahead log, and
# the CPU of the server and of PostgreSQL.
#
# usage: bench/scripts/control-plane-statements.sh SERVER_JAR [WARMUP_SECONDS] [benchmark options...]
#   server options go in SERVER_ARGS, e.g. SERVER_ARGS=--streamspace.query.projections.wake-interval-millis=0
# Prints the benchmark's report, the statements by calls, the rows written per table, then the CPU, commits and
# write-ahead log of the 20 s.
# Needs the bench jar (mvn -pl bench -am package -DskipTests, or another in BENCH_JAR) and psql.
# Port: STREAMSPACE_BENCH_PORT (18000).
set -euo pipefail
[ $# -ge 1 ] || { sed -n 2,11p "$0"; exit 2; }
jar=$(realpath "$1"); shift
warmup=150
if [ $# -ge 1 ] && [[ $1 != --* ]]; then warmup=$1; shift; fi
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${STREAMSPACE_BENCH_PORT:-18000}
data=$(mktemp -d /tmp/streamspace-statements.XXXXXX)
server=
driver=
trap 'kill $driver $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
# shellcheck source=scripts/jvm-options.sh
source "$root/scripts/jvm-options.sh"
# shellcheck disable=SC2086 # a list of options, as in ./streamspace bench
mapfile -t jvm < <(server_jvm_options ${STREAMSPACE_BENCH_SERVER_OPTS:-})
start_server() {
  # shellcheck disable=SC2086 # SERVER_ARGS is a list of options
  STREAMSPACE_ADMIN_PASSWORD=statements java "${jvm[@]}" -jar "$jar" --server.port="$port" \
    --streamspace.data-dir="$data" ${SERVER_ARGS:-} >> "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null && return; sleep 1; done
  echo "the server did not start: see $data/server.log" >&2
  exit 1
}
start_server
pg=$(cat "$data/postgres/connection.url")
psql -Atq "$pg" -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
kill "$server"
wait "$server" || true
start_server
pg=$(cat "$data/postgres/connection.url") # the embedded PostgreSQL takes a new port on every start
psql -Atq "$pg" -c "create extension if not exists pg_stat_statements"

log=$data/bench.log
# shellcheck source=bench/scripts/peak-phase.sh
source "$root/bench/scripts/peak-phase.sh"
run_driver_until_peak statements "$@"

psql -Atq "$pg" -c "select pg_stat_statements_reset()" > /dev/null
wal="select wal_records, wal_fpi, wal_bytes from pg_stat_wal"
psql -Atq "$pg" -c "drop table if exists bench_writes_before;
  create table bench_writes_before as select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
  from pg_stat_user_tables"
s0=$(cpu_of $server); p0=$(postgres_cpu); c0=$(commits); w0=$(psql -Atq -F ' ' "$pg" -c "$wal")
sleep 20
s1=$(cpu_of $server); p1=$(postgres_cpu); c1=$(commits); w1=$(psql -Atq -F ' ' "$pg" -c "$wal")
sleep 1 # table statistics reach the views when a backend's transaction ends, at most a second late
psql -Aq -F ' | ' "$pg" -c "select t.relname as table, t.n_tup_ins - b.n_tup_ins as inserted,
  t.n_tup_upd - b.n_tup_upd as updated, t.n_tup_hot_upd - b.n_tup_hot_upd as hot_updated,
  t.n_tup_del - b.n_tup_del as deleted
  from pg_stat_user_tables t join bench_writes_before b using (relname)
  where t.n_tup_ins + t.n_tup_upd + t.n_tup_del > b.n_tup_ins + b.n_tup_upd + b.n_tup_del
  order by 2 + 3 + 5 desc" > "$data/writes.txt"
psql -Aq -F ' | ' "$pg" -c "select calls, round(total_exec_time::numeric, 1) as exec_ms, rows,
  left(regexp_replace(query, '\s+', ' ', 'g'), 140) as statement
  from pg_stat_statements where query not like '%pg_stat%' order by calls desc limit 40" > "$data/statements.txt"
wait $driver
cat "$data/report.md"
echo
echo "statements over 20 s of the peak phase (BEGIN counts the transactions):"
cat "$data/statements.txt"
echo
echo "rows written per table over the same 20 s (a row's updates that are HOT touch no index):"
cat "$data/writes.txt"
echo
awk -v w0="$w0" -v w1="$w1" -v s="$((s1 - s0))" -v p="$((p1 - p0))" -v c="$((c1 - c0))" -v tick="$(getconf CLK_TCK)" 'BEGIN {
  printf "over 20 s of the peak phase: server %.2f s of CPU, PostgreSQL %.2f s, %d commits;\n", s / tick, p / tick, c
  split(w0, a, " "); split(w1, b, " ")
  printf "write-ahead log: %d records, %d full-page images, %.1f MB;\n", b[1] - a[1], b[2] - a[2], (b[3] - a[3]) / 1e6
  print "divide by 20 x the peak commands/s above for the figures per command"
}'
