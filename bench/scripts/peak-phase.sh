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
  until grep -q "peak phase" "$log" 2> /dev/null; do
    kill -0 "$driver" 2> /dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  sleep 3
}

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }

postgres_cpu() { # the postmaster with its reaped children's times, and its live backends
  local total=0 t postmaster
  postmaster=$(pgrep -f -- "-D $data/postgres/data" | head -1)
  for p in $postmaster $(pgrep -P "$postmaster" || true); do
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2> /dev/null || echo 0)
    total=$((total + t))
  done
  echo $total
}

commits() { psql -Atq "$pg" -c "select sum(xact_commit) from pg_stat_database"; }
