#!/usr/bin/env bash
# How long a read model's replay takes: for each server jar in turn, starts it on DATA_DIR (a data directory
# with events in it, e.g. one a short benchmark run wrote), asks for the replay of READ_MODEL and times it until
# the processor runs again with no lag, then stops the server. Alternate jars to compare them side by side.
#
# usage: bench/scripts/replay-time.sh DATA_DIR READ_MODEL SERVER_JAR...
#   e.g. bench/scripts/replay-time.sh /tmp/replay-data sessions before.jar after.jar before.jar after.jar
# To fill DATA_DIR: start a server on it with STREAMSPACE_ADMIN_PASSWORD=replay and run the benchmark driver
# against it (java -jar bench/target/streamspace-bench.jar --url ... --admin-password replay --warmup-limit 30).
# The data directory's admin password must be "replay". Port: STREAMSPACE_BENCH_PORT (18200). Needs psql.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,10p "$0"; exit 2; }
data=$(realpath "$1")
model=$2
shift 2
port=${STREAMSPACE_BENCH_PORT:-18200}
api=http://127.0.0.1:$port
server=
trap 'kill $server 2>/dev/null || true' EXIT
# shellcheck source=scripts/jvm-options.sh
source "$(cd "$(dirname "$0")/../.." && pwd)/scripts/jvm-options.sh"
mapfile -t jvm < <(server_jvm_options)
for jar in "$@"; do
  STREAMSPACE_ADMIN_PASSWORD=replay java "${jvm[@]}" -jar "$jar" --server.port="$port" \
    --streamspace.data-dir="$data" > "$data.server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "$api/actuator/health" > /dev/null && break; sleep 1; done
  token=$(curl -sf -H 'content-type: application/json' -d '{"username":"admin","password":"replay"}' \
    "$api/api/v1/auth/login" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
  sleep 5 # the processors catch up with the store after the start
  t0=$(date +%s.%N)
  curl -sf -o /dev/null -X POST -H "authorization: Bearer $token" "$api/api/v1/admin/projections/$model/replay"
  until curl -sf -H "authorization: Bearer $token" "$api/api/v1/admin/projections" | python3 -c '
import sys, json
status = [p for p in json.load(sys.stdin)["items"] if p["name"] == sys.argv[1]][0]
sys.exit(0 if status["state"] == "running" and status["lag"] == 0 else 1)' "$model"; do
    sleep 0.2
  done
  t1=$(date +%s.%N)
  events=$(psql -Atq "$(cat "$data/postgres/connection.url")" -c 'select count(*) from domain_event_entry')
  echo "$(basename "$jar"): replayed $model over $events events in $(python3 -c "print(round($t1 - $t0, 2))") s"
  kill -TERM $server
  wait $server || true
done
